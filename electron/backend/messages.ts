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
