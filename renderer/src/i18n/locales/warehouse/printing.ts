/** Messages of the warehouse's printing screens, in the three languages (Russian is the source). */
export const ru = {
  title: 'Печать',
  labels: {
    button: 'Печать этикеток',
    title: 'Печать этикеток',
    products: 'Товаров: {{count}}',
    format: 'Куда печатать',
    formatPdf: 'Принтер (PDF)',
    formatZpl: 'Термопринтер (ZPL)',
    symbology: 'Штрихкод',
    symbologyHint: {
      ean13: 'Штрихкод EAN-13 из карточки товара',
      code128: 'Код товара (только латиница, цифры и знаки)',
      gs1datamatrix: 'GTIN из карточки товара в GS1 DataMatrix',
    },
    size: 'Размер этикетки',
    mm: 'мм',
    resolution: 'Разрешение термопринтера',
    copies: 'Копий каждой этикетки',
    copiesInvalid: 'Укажите целое число от 1 до 100',
    print: 'Печать',
    savePdf: 'Сохранить PDF',
    saveZpl: 'Сохранить ZPL',
    cancel: 'Отмена',
    printed: 'Этикетки отправлены в окно печати',
    saved: 'Файл с этикетками сохранён',
  },
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }

/** Kazakh. */
export const kk: DeepStrings<typeof ru> = {
  title: 'Басып шығару',
  labels: {
    button: 'Заттаңбаларды басып шығару',
    title: 'Заттаңбаларды басып шығару',
    products: 'Тауарлар: {{count}}',
    format: 'Қайда басып шығару',
    formatPdf: 'Принтерге (PDF)',
    formatZpl: 'Термопринтерге (ZPL)',
    symbology: 'Штрихкод түрі',
    symbologyHint: {
      ean13: 'Тауар карточкасындағы EAN-13 штрихкоды',
      code128: 'Тауар коды (тек латын әріптері, цифрлар және белгілер)',
      gs1datamatrix: 'Тауар карточкасындағы GTIN, GS1 DataMatrix түрінде',
    },
    size: 'Заттаңба өлшемі',
    mm: 'мм',
    resolution: 'Термопринтердің ажыратымдылығы',
    copies: 'Әр заттаңбаның көшірмесі',
    copiesInvalid: '1-ден 100-ге дейінгі бүтін санды көрсетіңіз',
    print: 'Басып шығару',
    savePdf: 'PDF сақтау',
    saveZpl: 'ZPL сақтау',
    cancel: 'Болдырмау',
    printed: 'Заттаңбалар басып шығару терезесіне жіберілді',
    saved: 'Заттаңбалар файлы сақталды',
  },
}

/** English. */
export const en: DeepStrings<typeof ru> = {
  title: 'Printing',
  labels: {
    button: 'Print labels',
    title: 'Print labels',
    products: 'Products: {{count}}',
    format: 'Print to',
    formatPdf: 'Printer (PDF)',
    formatZpl: 'Thermal printer (ZPL)',
    symbology: 'Barcode',
    symbologyHint: {
      ean13: 'The EAN-13 barcode from the product card',
      code128: 'The product code (Latin letters, digits and signs only)',
      gs1datamatrix: 'The GTIN from the product card as GS1 DataMatrix',
    },
    size: 'Label size',
    mm: 'mm',
    resolution: 'Thermal printer resolution',
    copies: 'Copies of each label',
    copiesInvalid: 'Give a whole number from 1 to 100',
    print: 'Print',
    savePdf: 'Save PDF',
    saveZpl: 'Save ZPL',
    cancel: 'Cancel',
    printed: 'The labels went to the print dialog',
    saved: 'The label file is saved',
  },
}
