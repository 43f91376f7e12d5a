// Reads a pain.001.001.09 document with @xmldom/xmldom, writes the same payments again with sepa (sepa.js, an
// independent SEPA XML library from npm, its validations on: IBAN check digits, BIC form and country, lengths,
// amounts) and compares the two element by element, so the element order, names and value formats are the
// library's. Counts and control sums are recomputed from the transactions. Prints what was found as JSON; exit
// status 1 when any problem is found. Usage: node check-pain001.mjs FILE
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import SEPA from 'sepa';

const NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]+$/;
const problems = [];

const parse = (xml, what) =>
  new DOMParser({ onError: (level, message) => problems.push(`${what}: ${level}: ${message}`) }).parseFromString(
    xml,
    'text/xml',
  );
const elements = (node, name) => Array.from(node.childNodes).filter((c) => c.nodeType === 1 && c.localName === name);
const child = (node, path) =>
  path.split('/').reduce((at, name) => (at ? elements(at, name)[0] : undefined), node);
const text = (node, path) => child(node, path)?.textContent ?? '';
const cents = (amount) => {
  if (!/^\d+\.\d{2}$/.test(amount)) problems.push(`amount "${amount}" is not a decimal with 2 places`);
  return BigInt(amount.replace('.', ''));
};
const decimal = (value) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

// Every element in document order as "path=text"; the values of our own ids are left out (sepa.js derives
// PmtInfId and InstrId from its own counters), and so is an RmtInf without text.
function flatten(node, prefix, out) {
  for (const c of Array.from(node.childNodes).filter((n) => n.nodeType === 1)) {
    const path = `${prefix}/${c.localName}`;
    if (c.localName === 'InstrId' || (c.localName === 'RmtInf' && c.textContent === '')) continue;
    const leaf = !Array.from(c.childNodes).some((n) => n.nodeType === 1);
    const value = c.localName === 'PmtInfId' ? '*' : leaf ? c.textContent : '';
    const attributes = Array.from(c.attributes ?? [])
      .filter((a) => !a.name.startsWith('xmlns') && !a.name.startsWith('xsi:'))
      .map((a) => `@${a.name}=${a.value}`)
      .join('');
    out.push(`${path}${attributes}=${value}`);
    flatten(c, path, out);
  }
  return out;
}

const ours = parse(readFileSync(process.argv[2], 'utf8'), 'our file');
const root = ours.documentElement;
if (root.localName !== 'Document' || root.namespaceURI !== NAMESPACE)
  problems.push(`root is {${root.namespaceURI}}${root.localName}, not {${NAMESPACE}}Document`);
const initiation = child(root, 'CstmrCdtTrfInitn');
const header = child(initiation, 'GrpHdr');

SEPA.enableValidations(true, true);
const again = new SEPA.Document('pain.001.001.09');
again.grpHdr.id = text(header, 'MsgId');
again.grpHdr.created = new Date(text(header, 'CreDtTm'));
again.grpHdr.initiatorName = text(header, 'InitgPty/Nm');

let total = 0n;
let transactions = 0;
const payments = elements(initiation, 'PmtInf');
for (const payment of payments) {
  const info = again.createPaymentInfo();
  info.requestedExecutionDate = new Date(`${text(payment, 'ReqdExctnDt/Dt')}T00:00:00`);
  info.debtorName = text(payment, 'Dbtr/Nm');
  info.debtorIBAN = text(payment, 'DbtrAcct/Id/IBAN');
  info.debtorBIC = text(payment, 'DbtrAgt/FinInstnId/BICFI');
  again.addPaymentInfo(info);
  let sum = 0n;
  const txs = elements(payment, 'CdtTrfTxInf');
  for (const tx of txs) {
    const amount = child(tx, 'Amt/InstdAmt');
    sum += cents(amount.textContent);
    const transfer = info.createTransaction();
    transfer.end2endId = text(tx, 'PmtId/EndToEndId');
    transfer.amount = Number(amount.textContent);
    transfer.currency = amount.getAttribute('Ccy');
    transfer.creditorName = text(tx, 'Cdtr/Nm');
    transfer.creditorIBAN = text(tx, 'CdtrAcct/Id/IBAN');
    transfer.creditorBIC = text(tx, 'CdtrAgt/FinInstnId/BICFI');
    transfer.remittanceInfo = text(tx, 'RmtInf/Ustrd');
    info.addTransaction(transfer);
    for (const [what, value] of [
      ['EndToEndId', transfer.end2endId],
      ['Cdtr/Nm', transfer.creditorName],
      ['Ustrd', transfer.remittanceInfo || 'x'],
    ])
      if (!SEPA_TEXT.test(value)) problems.push(`${what} "${value}" has characters outside the SEPA set`);
  }
  if (text(payment, 'NbOfTxs') !== String(txs.length))
    problems.push(`PmtInf NbOfTxs ${text(payment, 'NbOfTxs')}, transactions ${txs.length}`);
  if (text(payment, 'CtrlSum') !== decimal(sum))
    problems.push(`PmtInf CtrlSum ${text(payment, 'CtrlSum')}, transactions add up to ${decimal(sum)}`);
  total += sum;
  transactions += txs.length;
}
if (text(header, 'NbOfTxs') !== String(transactions))
  problems.push(`GrpHdr NbOfTxs ${text(header, 'NbOfTxs')}, transactions ${transactions}`);
if (text(header, 'CtrlSum') !== decimal(total))
  problems.push(`GrpHdr CtrlSum ${text(header, 'CtrlSum')}, transactions add up to ${decimal(total)}`);

let library = [];
try {
  library = flatten(parse(again.toString(), 'sepa.js').documentElement, '', []);
} catch (error) {
  problems.push(`sepa.js refuses the payments: ${error.message}`);
}
const mine = flatten(root, '', []);
if (library.length > 0) {
  for (let i = 0; i < Math.max(mine.length, library.length); ++i) {
    if (mine[i] !== library[i]) {
      problems.push(`element ${i + 1}: ours ${mine[i] ?? '(none)'}, sepa.js ${library[i] ?? '(none)'}`);
      break;
    }
  }
}

console.log(
  JSON.stringify({
    reader: 'sepa + @xmldom/xmldom',
    payments: payments.length,
    transactions,
    ctrl_sum: text(header, 'CtrlSum'),
    elements_compared: library.length,
    problems,
  }),
);
process.exit(problems.length === 0 ? 0 : 1);
