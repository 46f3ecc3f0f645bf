/** Messages of the warehouse's scanning screens, in the three languages (Russian is the source). */
export const ru = {
  title: 'Сканирование',
  input: {
    label: 'Штрихкод или код товара',
    placeholder: 'Отсканируйте или введите код и нажмите Enter',
    last: 'Последний код: {{code}} ({{source}})',
    source: { scanner: 'сканер', keyboard: 'вручную' },
  },
  kinds: {
    gtin: 'Штрихкод {{symbology}}',
    gs1: 'Код GS1',
    markingCode: 'Код маркировки',
    sscc: 'Код грузового места (SSCC)',
    text: 'Код товара',
  },
  fields: {
    gtin: 'GTIN',
    lot: 'Партия',
    expiry: 'Годен до',
    serial: 'Серийный номер',
    quantity: 'Количество',
  },
  errors: {
    empty: 'Код пуст: отсканируйте ещё раз',
    unknownAi: 'Неизвестный идентификатор применения (позиция {{position}}): код не по стандарту GS1',
    truncated: 'Элемент ({{ai}}) обрывается: код прочитан не полностью, отсканируйте ещё раз',
    tooLong:
      'Элемент ({{ai}}) длиннее допустимого: вероятно, сканер не передаёт разделитель GS. Задайте замену GS в настройках сканера',
    emptyValue: 'Элемент ({{ai}}) пуст',
    invalidCharacters: 'Недопустимые символы в элементе ({{ai}})',
    checkDigit: 'Неверная контрольная цифра в элементе ({{ai}}): код повреждён или набран с ошибкой',
    invalidDate: 'Элемент ({{ai}}) — не дата ГГММДД',
    invalidDecimals: 'Элемент ({{ai}}): не больше 5 знаков после запятой',
    conflictingAi: 'Элемент ({{ai}}) встречается дважды с разными значениями',
  },
  feedback: { ok: 'Принято', warn: 'Внимание', error: 'Ошибка' },
  settings: {
    button: 'Сканер',
    title: 'Настройки сканера на этом компьютере',
    gsSubstitute: 'Замена разделителя GS',
    gsSubstituteHint:
      'Что сканер передаёт вместо GS: функциональную клавишу (нажмите её в этом поле, например F8) или знаки (например ~). Пусто — сканер передаёт GS сам',
    terminator: 'Чем заканчивается скан',
    terminatorEnter: 'Enter',
    terminatorTab: 'Tab',
    terminatorNone: 'Паузой',
    maxGap: 'Наибольшая пауза между знаками, мс',
    maxGapHint: 'Быстрее этого печатает только сканер. Если скан распознаётся как ввод вручную — увеличьте',
    sound: 'Звуковой сигнал',
    test: 'Проверка сканера',
    testHint: 'Отсканируйте любой штрихкод',
    testNeedsValid: 'Исправьте настройки, чтобы проверить сканер',
    testScanner: 'Распознано как скан',
    testKeyboard: 'Распознано как ввод вручную: увеличьте наибольшую паузу',
    save: 'Сохранить',
    cancel: 'Отмена',
    invalid: {
      gsSubstitute: 'Укажите функциональную клавишу (F1–F24) или до 10 знаков, которых нет в кодах (не одну букву или цифру)',
      maxGap: 'Укажите целое число от 10 до 200',
    },
  },
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }

/** Kazakh. */
export const kk: DeepStrings<typeof ru> = {
  title: 'Сканерлеу',
  input: {
    label: 'Штрихкод немесе тауар коды',
    placeholder: 'Кодты сканерлеңіз немесе енгізіп, Enter басыңыз',
    last: 'Соңғы код: {{code}} ({{source}})',
    source: { scanner: 'сканермен', keyboard: 'қолмен' },
  },
  kinds: {
    gtin: '{{symbology}} штрихкоды',
    gs1: 'GS1 коды',
    markingCode: 'Таңбалау коды',
    sscc: 'Жүк орнының коды (SSCC)',
    text: 'Тауар коды',
  },
  fields: {
    gtin: 'GTIN',
    lot: 'Топтама',
    expiry: 'Жарамдылық мерзімі',
    serial: 'Сериялық нөмір',
    quantity: 'Саны',
  },
  errors: {
    empty: 'Код бос: қайта сканерлеңіз',
    unknownAi: 'Белгісіз қолдану идентификаторы ({{position}}-позиция): код GS1 стандартына сай емес',
    truncated: '({{ai}}) элементі үзілген: код толық оқылмады, қайта сканерлеңіз',
    tooLong:
      '({{ai}}) элементі рұқсат етілгеннен ұзын: сканер GS бөлгішін жібермейтін сияқты. Сканер баптауларында GS алмастыруын көрсетіңіз',
    emptyValue: '({{ai}}) элементі бос',
    invalidCharacters: '({{ai}}) элементінде рұқсат етілмеген таңбалар бар',
    checkDigit: '({{ai}}) элементінің бақылау цифры қате: код зақымдалған немесе қате терілген',
    invalidDate: '({{ai}}) элементі ЖЖААКК күні емес',
    invalidDecimals: '({{ai}}) элементі: үтірден кейін 5 таңбадан аспауы керек',
    conflictingAi: '({{ai}}) элементі әртүрлі мәнмен екі рет кездеседі',
  },
  feedback: { ok: 'Қабылданды', warn: 'Назар аударыңыз', error: 'Қате' },
  settings: {
    button: 'Сканер баптаулары',
    title: 'Осы компьютердегі сканер баптаулары',
    gsSubstitute: 'GS бөлгішінің алмастыруы',
    gsSubstituteHint:
      'Сканер GS орнына не жібереді: функционалдық пернені (осы өрісте басыңыз, мысалы F8) немесе таңбаларды (мысалы ~). Бос болса, сканер GS-ті өзі жібереді',
    terminator: 'Скан немен аяқталады',
    terminatorEnter: 'Enter',
    terminatorTab: 'Tab',
    terminatorNone: 'Кідіріспен',
    maxGap: 'Таңбалар арасындағы ең ұзақ кідіріс, мс',
    maxGapHint: 'Мұнан жылдам тек сканер тереді. Скан қолмен енгізу деп танылса, арттырыңыз',
    sound: 'Дыбыстық сигнал',
    test: 'Сканерді тексеру',
    testHint: 'Кез келген штрихкодты сканерлеңіз',
    testNeedsValid: 'Сканерді тексеру үшін баптауларды түзетіңіз',
    testScanner: 'Скан ретінде танылды',
    testKeyboard: 'Қолмен енгізу ретінде танылды: ең ұзақ кідірісті арттырыңыз',
    save: 'Сақтау',
    cancel: 'Болдырмау',
    invalid: {
      gsSubstitute: 'Функционалдық пернені (F1–F24) немесе кодтарда жоқ 10 таңбаға дейін көрсетіңіз (бір әріп не цифр емес)',
      maxGap: '10-нан 200-ге дейінгі бүтін санды көрсетіңіз',
    },
  },
}

/** English. */
export const en: DeepStrings<typeof ru> = {
  title: 'Scanning',
  input: {
    label: 'Barcode or product code',
    placeholder: 'Scan or type a code and press Enter',
    last: 'Last code: {{code}} ({{source}})',
    source: { scanner: 'scanner', keyboard: 'typed' },
  },
  kinds: {
    gtin: '{{symbology}} barcode',
    gs1: 'GS1 code',
    markingCode: 'Marking code',
    sscc: 'Shipping unit code (SSCC)',
    text: 'Product code',
  },
  fields: {
    gtin: 'GTIN',
    lot: 'Lot',
    expiry: 'Expiry',
    serial: 'Serial number',
    quantity: 'Quantity',
  },
  errors: {
    empty: 'The code is empty: scan again',
    unknownAi: 'Unknown application identifier (position {{position}}): not a GS1 code',
    truncated: 'Element ({{ai}}) is cut short: the code was not read completely, scan again',
    tooLong:
      'Element ({{ai}}) is longer than allowed: the scanner probably does not send the GS separator. Set a GS substitute in the scanner settings',
    emptyValue: 'Element ({{ai}}) is empty',
    invalidCharacters: 'Characters not allowed in element ({{ai}})',
    checkDigit: 'Wrong check digit in element ({{ai}}): the code is damaged or mistyped',
    invalidDate: 'Element ({{ai}}) is not a YYMMDD date',
    invalidDecimals: 'Element ({{ai}}): at most 5 decimals',
    conflictingAi: 'Element ({{ai}}) appears twice with different values',
  },
  feedback: { ok: 'Accepted', warn: 'Attention', error: 'Error' },
  settings: {
    button: 'Scanner',
    title: 'Scanner settings on this computer',
    gsSubstitute: 'GS separator substitute',
    gsSubstituteHint:
      'What the scanner sends instead of GS: a function key (press it in this field, e.g. F8) or characters (e.g. ~). Empty: the scanner sends GS itself',
    terminator: 'A scan ends with',
    terminatorEnter: 'Enter',
    terminatorTab: 'Tab',
    terminatorNone: 'A pause',
    maxGap: 'Longest pause between characters, ms',
    maxGapHint: 'Only a scanner types faster than this. If a scan is taken for typing, raise it',
    sound: 'Sound signal',
    test: 'Scanner test',
    testHint: 'Scan any barcode',
    testNeedsValid: 'Fix the settings to test the scanner',
    testScanner: 'Read as a scan',
    testKeyboard: 'Read as typing: raise the longest pause',
    save: 'Save',
    cancel: 'Cancel',
    invalid: {
      gsSubstitute:
        'Give a function key (F1–F24) or up to 10 characters that codes do not contain (not a single letter or digit)',
      maxGap: 'Give a whole number from 10 to 200',
    },
  },
}
