/** Printing from the warehouse screens: labels, PDFs to the print dialog, files to save. */
export { PrintLabelsButton } from './PrintLabelsButton'
export { bytesFromBase64, printPdf, saveFile } from './print-file'
export { deliverLabels, usePrintLabels } from './print-labels-store'
