// Printer failures as the cashier reads them: what happened, and that the sale is safe.
// Every message says the receipt can be printed again, because a failed print never
// loses a sale (issue 9): the transaction is in the journal, the job keeps its receipt.
import { CashdeskError } from '../errors.js';

export type PrinterErrorCode =
  | 'PRINTER_DISCONNECTED'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_FAULT'
  | 'PRINTER_NO_ANSWER'
  | 'PRINTER_INTERRUPTED'
  | 'PRINTER_CLOSED'
  | 'PRINT_JOB_UNKNOWN'
  | 'PRINT_JOB_NOT_FAILED';

const AFTER = { zh: '交易已保存，不受影响；处理后点“重新打印”。', en: 'The sale is saved and not affected; fix this, then press Retry.' };

const TEXT: Record<PrinterErrorCode, { zh: string; en: string }> = {
  PRINTER_DISCONNECTED: {
    zh: `小票打印机未连接（{name}）。请检查打印机电源和数据线/网线。${AFTER.zh}`,
    en: `The receipt printer is not connected ({name}). Check its power and its cable or network. ${AFTER.en}`,
  },
  PRINTER_OFFLINE: {
    zh: `小票打印机处于脱机状态（{name}）。请检查打印机面板指示灯，按“联机”或重新开机。${AFTER.zh}`,
    en: `The receipt printer is offline ({name}). Check its panel lights; put it back online or power-cycle it. ${AFTER.en}`,
  },
  PRINTER_PAPER_OUT: {
    zh: `小票打印机缺纸（{name}）。请装入新的纸卷并合上纸仓盖。${AFTER.zh}`,
    en: `The receipt printer is out of paper ({name}). Load a new roll and close the cover. ${AFTER.en}`,
  },
  PRINTER_COVER_OPEN: {
    zh: `小票打印机纸仓盖未合上（{name}）。请合上纸仓盖。${AFTER.zh}`,
    en: `The receipt printer's cover is open ({name}). Close the cover. ${AFTER.en}`,
  },
  PRINTER_FAULT: {
    zh: `小票打印机报告故障（切刀卡纸或过热，{name}）。请关机清除卡纸、等打印头冷却后再开机。${AFTER.zh}`,
    en: `The receipt printer reports a fault (cutter jam or overheating, {name}). Switch it off, clear the jam, let it cool, and switch it on. ${AFTER.en}`,
  },
  PRINTER_NO_ANSWER: {
    zh: `小票打印机没有应答（{name}，{timeout} 毫秒内无状态回复）。小票可能没有打印出来，请检查打印机是否开机、连线是否正常。${AFTER.zh}`,
    en: `The receipt printer does not answer ({name}: no status reply within {timeout} ms). The receipt may not have printed; check that the printer is on and connected. ${AFTER.en}`,
  },
  PRINTER_INTERRUPTED: {
    zh: `打印中途小票打印机断开（{name}），小票可能只打印了一部分。请检查打印机后重新打印整张小票。${AFTER.zh}`,
    en: `The receipt printer went away in the middle of printing ({name}); the receipt may be only partly printed. Check the printer, then print the whole receipt again. ${AFTER.en}`,
  },
  PRINTER_CLOSED: {
    zh: '打印服务已关闭（程序正在退出），小票未打印。交易已保存，重新启动后可在流水中补打签购单。',
    en: 'The print service is closed (the program is exiting); the receipt was not printed. The sale is saved; reprint the slip from the journal after restarting.',
  },
  PRINT_JOB_UNKNOWN: {
    zh: '找不到该打印任务（可能已完成或已被清除）。如需补打，请在交易流水中选择该笔交易后打印。',
    en: 'That print job is not known (it may have finished or been dismissed). To reprint, choose the transaction in the journal and print it.',
  },
  PRINT_JOB_NOT_FAILED: {
    zh: '该打印任务没有失败（正在打印或已打印），无需重试。如需再打一张，请使用“补打”。',
    en: 'That print job has not failed (it is printing or printed); there is nothing to retry. Use Reprint for another copy.',
  },
};

export class PrinterError extends CashdeskError {
  constructor(
    readonly printerCode: PrinterErrorCode,
    params: { name?: string; timeout?: number } = {},
    options?: { cause?: unknown },
  ) {
    const t = TEXT[printerCode];
    const fill = (s: string): string => s.replace('{name}', params.name ?? '').replace('{timeout}', String(params.timeout ?? ''));
    super(printerCode, fill(t.zh), fill(t.en), options);
    this.name = 'PrinterError';
  }
}
