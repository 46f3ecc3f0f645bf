import type { Locale } from '../../shared/locale'

/**
 * Messages the backend words itself (validation and constraint messages have their own maps),
 * in the language of the connection that called.
 */
const catalog = {
  wrongCredentials: {
    ru: 'Неверная эл. почта или пароль.',
    kk: 'Эл. пошта немесе құпиясөз қате.',
    en: 'Wrong email or password.',
  },
  wrongPassword: { ru: 'Неверный пароль.', kk: 'Құпиясөз қате.', en: 'Wrong password.' },
  tooManyAttempts: {
    ru: 'Слишком много неудачных попыток. Повторите через {s} с.',
    kk: 'Сәтсіз әрекеттер тым көп. {s} с кейін қайталаңыз.',
    en: 'Too many failed attempts. Try again in {s} s.',
  },
  accountInactive: {
    ru: 'Учётная запись не активна. Обратитесь к администратору.',
    kk: 'Тіркелгі белсенді емес. Әкімшіге хабарласыңыз.',
    en: 'This account is not active. Ask your administrator.',
  },
  signInFirst: { ru: 'Войдите в систему.', kk: 'Жүйеге кіріңіз.', en: 'Sign in to continue.' },
  companyExists: {
    ru: 'На этом терминале уже есть компания.',
    kk: 'Бұл терминалда компания бар.',
    en: 'This terminal already has a company.',
  },
  codeInvalid: {
    ru: 'Код неверен, уже использован или истёк. Попросите администратора выдать новый.',
    kk: 'Код қате, бұрын пайдаланылған немесе мерзімі өткен. Әкімшіден жаңасын сұраңыз.',
    en: 'The code is wrong, already used or expired. Ask your administrator for a new one.',
  },
  notInOrganization: {
    ru: 'Такого сотрудника нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай қызметкер жоқ.',
    en: 'No such person in your organization.',
  },
  sessionLocked: {
    ru: 'Сеанс заблокирован. Разблокируйте его, чтобы продолжить.',
    kk: 'Сеанс құлыпталған. Жалғастыру үшін құлыпты ашыңыз.',
    en: 'The session is locked. Unlock it to continue.',
  },
  forbidden: {
    ru: 'Недостаточно прав: нужно право {permission}.',
    kk: 'Құқық жеткіліксіз: {permission} құқығы қажет.',
    en: 'You do not have the permission {permission}.',
  },
  notEnrolled: {
    ru: 'Терминал не подключён к головному офису.',
    kk: 'Терминал бас кеңсеге қосылмаған.',
    en: 'This terminal is not connected to head office.',
  },
  enrollmentCodeInvalid: {
    ru: 'Код подключения неверен, уже использован или истёк. Попросите в головном офисе новый.',
    kk: 'Қосылу коды қате, бұрын пайдаланылған немесе мерзімі өткен. Бас кеңседен жаңасын сұраңыз.',
    en: 'The enrollment code is wrong, already used or expired. Ask head office for a new one.',
  },
  centralUnreachable: {
    ru: 'Головной офис недоступен: {detail}. Проверьте адрес и сеть.',
    kk: 'Бас кеңсе қолжетімсіз: {detail}. Мекенжай мен желіні тексеріңіз.',
    en: 'Head office cannot be reached: {detail}. Check the address and the network.',
  },
  syncStopped: {
    ru: 'Синхронизация остановлена: {detail}',
    kk: 'Синхрондау тоқтатылды: {detail}',
    en: 'Sync stopped: {detail}',
  },
  notFound: { ru: 'Запись не найдена.', kk: 'Жазба табылмады.', en: 'Not found.' },
  unknownMethod: { ru: 'Неизвестный метод: {method}', kk: 'Белгісіз әдіс: {method}', en: 'Unknown method: {method}' },
  internal: {
    ru: 'Внутренняя ошибка терминала. Подробности записаны в журнал.',
    kk: 'Терминалдың ішкі қатесі. Толығырақ журналға жазылды.',
    en: 'Something went wrong in the terminal. The details are in the log.',
  },
} satisfies Record<string, Record<Locale, string>>

/** One message's key. */
export type MessageKey = keyof typeof catalog

/** A message in a language, with `{name}` placeholders filled in. */
export function message(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalog[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
