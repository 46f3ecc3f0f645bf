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
  prefixTaken: {
    ru: 'Этот префикс номеров уже занят другим терминалом.',
    kk: 'Бұл нөмір префиксін басқа терминал алған.',
    en: 'This number prefix is taken by another terminal.',
  },
  cannotRevokeSelf: {
    ru: 'Терминал не может отключить сам себя.',
    kk: 'Терминал өзін-өзі ажырата алмайды.',
    en: 'A terminal cannot revoke itself.',
  },
  notFound: { ru: 'Запись не найдена.', kk: 'Жазба табылмады.', en: 'Not found.' },
  emailTaken: {
    ru: 'Эл. почта {email} уже занята другой учётной записью.',
    kk: '{email} эл. поштасы басқа тіркелгіде қолданылады.',
    en: 'The email {email} is already used by another account.',
  },
  userNotFound: {
    ru: 'Такой учётной записи нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай тіркелгі жоқ.',
    en: 'No such account in your organization.',
  },
  employeeNotFound: {
    ru: 'Такого сотрудника нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай қызметкер жоқ.',
    en: 'No such employee in your organization.',
  },
  workspaceNotFound: {
    ru: 'Такой площадки нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай алаң жоқ.',
    en: 'No such workspace in your organization.',
  },
  workspaceInactive: {
    ru: 'Площадка «{name}» не активна: выберите активную.',
    kk: '«{name}» алаңы белсенді емес: белсенді алаңды таңдаңыз.',
    en: 'The workspace “{name}” is not active: choose an active one.',
  },
  departmentNotFound: {
    ru: 'Такого подразделения нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай бөлім жоқ.',
    en: 'No such department in your organization.',
  },
  headNotFound: {
    ru: 'Руководителем может быть только сотрудник вашей организации.',
    kk: 'Басшы тек ұйымыңыздың қызметкері бола алады.',
    en: 'The head must be an employee of your organization.',
  },
  departmentCycle: {
    ru: 'Подразделение «{name}» нельзя поместить в себя или в своё вложенное подразделение.',
    kk: '«{name}» бөлімін өзіне немесе өзінің ішкі бөліміне орналастыруға болмайды.',
    en: 'The department “{name}” cannot be placed inside itself or one of its own sub-departments.',
  },
  departmentHasChildren: {
    ru: 'В подразделении «{name}» есть вложенные подразделения ({count}): сначала перенесите или удалите их.',
    kk: '«{name}» бөлімінде ішкі бөлімдер бар ({count}): алдымен оларды ауыстырыңыз немесе жойыңыз.',
    en: 'The department “{name}” has sub-departments ({count}): move or delete them first.',
  },
  departmentHasEmployees: {
    ru: 'В подразделении «{name}» числятся сотрудники ({count}): сначала переведите их в другое подразделение.',
    kk: '«{name}» бөлімінде қызметкерлер бар ({count}): алдымен оларды басқа бөлімге ауыстырыңыз.',
    en: 'The department “{name}” still has employees ({count}): move them to another department first.',
  },
  departmentCodeTaken: {
    ru: 'Код подразделения {code} уже занят.',
    kk: '{code} бөлім коды бос емес.',
    en: 'The department code {code} is already used.',
  },
  employeeNumberTaken: {
    ru: 'Табельный номер {number} уже присвоен другому сотруднику.',
    kk: '{number} табель нөмірі басқа қызметкерге берілген.',
    en: 'The employee number {number} is already given to someone else.',
  },
  ownerOnly: {
    ru: 'Роль владельца и учётные записи владельцев может менять только владелец.',
    kk: 'Иесі рөлін және иелердің тіркелгілерін тек иесі өзгерте алады.',
    en: 'Only an owner may grant the owner role or change an owner’s account.',
  },
  ownRole: {
    ru: 'Нельзя изменить собственную роль: попросите другого администратора.',
    kk: 'Өз рөліңізді өзгерту мүмкін емес: басқа әкімшіден сұраңыз.',
    en: 'You cannot change your own role: ask another administrator.',
  },
  ownAccount: {
    ru: 'Нельзя приостановить собственную учётную запись или работу.',
    kk: 'Өз тіркелгіңізді немесе жұмысыңызды тоқтата алмайсыз.',
    en: 'You cannot suspend your own account or employment.',
  },
  workspaceNameTaken: {
    ru: 'Площадка с названием «{name}» уже есть.',
    kk: '«{name}» атауымен алаң бұрыннан бар.',
    en: 'A workspace named “{name}” already exists.',
  },
  terminalWorkspace: {
    ru: 'Площадка «{name}» — площадка этого терминала, её нельзя закрыть.',
    kk: '«{name}» алаңы — осы терминалдың алаңы, оны жабуға болмайды.',
    en: 'The workspace “{name}” is this terminal’s own workspace and cannot be closed.',
  },
  workspaceInUse: {
    ru: 'На площадке «{name}» работают сотрудники ({count}): переведите их, прежде чем закрыть площадку.',
    kk: '«{name}» алаңында қызметкерлер жұмыс істейді ({count}): алаңды жаппас бұрын оларды ауыстырыңыз.',
    en: 'The workspace “{name}” still has active employees ({count}): move them before closing it.',
  },
  mailNotConfigured: {
    ru: 'Отправка почты не настроена: администратор должен указать SMTP-сервер на вкладке «Настройки».',
    kk: 'Пошта жіберу бапталмаған: әкімші «Баптаулар» қойындысында SMTP серверін көрсетуі керек.',
    en: 'Email is not set up: an administrator must enter the SMTP server on the Settings tab.',
  },
  mailPasswordMissing: {
    ru: 'Для SMTP-сервера указан пользователь, но не сохранён пароль: введите его на вкладке «Настройки».',
    kk: 'SMTP сервері үшін пайдаланушы көрсетілген, бірақ құпиясөз сақталмаған: оны «Баптаулар» қойындысында енгізіңіз.',
    en: 'The SMTP server has a user name but no saved password: enter it on the Settings tab.',
  },
  mailFailed: {
    ru: 'Письмо не отправлено: {reason}',
    kk: 'Хат жіберілмеді: {reason}',
    en: 'The email was not sent: {reason}',
  },
  resetMailSubject: {
    ru: 'Код для входа в Prometric ERP',
    kk: 'Prometric ERP жүйесіне кіру коды',
    en: 'Your Prometric ERP sign-in code',
  },
  resetMailBody: {
    ru: 'Здравствуйте, {name}!\n\nВаш одноразовый код для установки пароля: {code}\nКод действует до {expires}.\n\nНа экране входа выберите «У меня есть код сброса пароля», введите эл. почту {email}, код и новый пароль.\n\nЕсли вы не ждали этого письма, сообщите администратору.',
    kk: 'Сәлеметсіз бе, {name}!\n\nҚұпиясөз орнатуға арналған бір реттік кодыңыз: {code}\nКод {expires} дейін жарамды.\n\nКіру экранында «Менде құпиясөзді қалпына келтіру коды бар» дегенді таңдап, {email} эл. поштасын, кодты және жаңа құпиясөзді енгізіңіз.\n\nБұл хатты күтпеген болсаңыз, әкімшіге хабарлаңыз.',
    en: 'Hello {name},\n\nYour one-time code to set a password: {code}\nThe code is valid until {expires}.\n\nOn the sign-in screen choose “I have a password reset code”, then enter your email {email}, the code and a new password.\n\nIf you did not expect this email, tell your administrator.',
  },
  testMailSubject: {
    ru: 'Проверка почты Prometric ERP',
    kk: 'Prometric ERP поштасын тексеру',
    en: 'Prometric ERP email test',
  },
  testMailBody: {
    ru: 'Это проверочное письмо. Если вы его получили, отправка почты из Prometric ERP настроена верно.',
    kk: 'Бұл тексеру хаты. Егер оны алсаңыз, Prometric ERP-тен пошта жіберу дұрыс бапталған.',
    en: 'This is a test email. If you received it, sending email from Prometric ERP is set up correctly.',
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
