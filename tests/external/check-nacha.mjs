// Reads a NACHA file with @midlandsbank/node-nacha (an independent parser from npm) and prints, as JSON, what the
// parser found: batch, entry and addenda counts, entry hash and totals, each recomputed from the parsed entries
// and compared with the batch and file controls the parser read. Layout rules the parser does not enforce
// (94-character records, blocks of 10, 9-filled padding, ABA check digits, trace order) are checked here.
// Exit status 1 when any problem is found. Usage: node check-nacha.mjs FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const nacha = createRequire(import.meta.url)('@midlandsbank/node-nacha');
const HASH_MODULUS = 10_000_000_000n;

const text = readFileSync(process.argv[2], 'latin1');
const problems = [];
const lines = text.split(/\r?\n/);
if (lines.at(-1) !== '') problems.push('the last record has no line end');
else lines.pop();
lines.forEach((line, i) => {
  if (line.length !== 94) problems.push(`line ${i + 1} has ${line.length} characters, not 94`);
  if (/[^\x20-\x7e]/.test(line)) problems.push(`line ${i + 1} has characters outside printable ASCII`);
});
if (lines.length % 10 !== 0) problems.push(`${lines.length} records are not whole blocks of 10`);
const fileControlAt = lines.findIndex((line) => line[0] === '9');
lines.slice(fileControlAt + 1).forEach((line, i) => {
  if (line !== '9'.repeat(94)) problems.push(`padding line ${fileControlAt + i + 2} is not 94 nines`);
});

const abaValid = (routing) =>
  /^\d{9}$/.test(routing) &&
  [...routing].reduce((sum, digit, i) => sum + Number(digit) * [3, 7, 1][i % 3], 0) % 10 === 0;

const ach = nacha.from(text.replace(/\r\n/g, '\n')).data;
const footer = ach.file.footer;
let entries = 0;
let addenda = 0;
let fileHash = 0n;
let fileCredit = 0;
let lastTrace = 0;
ach.batches.forEach((batch, b) => {
  let batchHash = 0n;
  let batchCredit = 0;
  let batchAddenda = 0;
  for (const entry of batch.entries) {
    const routing = String(entry.receivingDFIIdentification).padStart(8, '0') + String(entry.checkDigit);
    if (!abaValid(routing)) problems.push(`batch ${b + 1}: routing ${routing} fails the ABA check digit`);
    if (!['22', '32'].includes(entry.transactionCode))
      problems.push(`batch ${b + 1}: transaction code ${entry.transactionCode} is not a credit`);
    if (entry.traceNumber <= lastTrace) problems.push(`trace ${entry.traceNumber} does not ascend`);
    lastTrace = entry.traceNumber;
    const hasAddenda = entry.addenda !== undefined;
    if (hasAddenda !== (entry.addendaIndicator === '1'))
      problems.push(`entry ${entry.traceNumber}: addenda indicator ${entry.addendaIndicator} disagrees`);
    if (hasAddenda && Number(entry.addenda.entryNum) !== entry.traceNumber % 10_000_000)
      problems.push(`entry ${entry.traceNumber}: addenda sequence ${entry.addenda.entryNum} is not the trace's`);
    batchHash += BigInt(entry.receivingDFIIdentification);
    batchCredit += entry.amount;
    batchAddenda += hasAddenda ? 1 : 0;
  }
  const control = batch.footer;
  const expect = (what, found, wanted) => {
    if (found !== wanted) problems.push(`batch ${b + 1}: control ${what} ${found}, entries give ${wanted}`);
  };
  expect('count', control.entryAndAddendaCount, batch.entries.length + batchAddenda);
  expect('entry hash', control.entryHash, Number(batchHash % HASH_MODULUS));
  expect('credit total', control.totalCredit, batchCredit);
  expect('debit total', control.totalDebit, 0);
  expect('service class', batch.serviceClassCode, 220);
  entries += batch.entries.length;
  addenda += batchAddenda;
  fileHash += batchHash;
  fileCredit += batchCredit;
});
const fileExpect = (what, found, wanted) => {
  if (found !== wanted) problems.push(`file control ${what} ${found}, entries give ${wanted}`);
};
fileExpect('batch count', footer.batchCount, ach.batches.length);
fileExpect('block count', footer.blockCount, lines.length / 10);
fileExpect('entry/addenda count', footer.entryAndAddendaCount, entries + addenda);
fileExpect('entry hash', footer.entryHash, Number(fileHash % HASH_MODULUS));
fileExpect('credit total', footer.totalCredit, fileCredit);

console.log(
  JSON.stringify({
    reader: '@midlandsbank/node-nacha',
    sec_codes: [...new Set(ach.batches.map((batch) => batch.entryClassCode))],
    batches: footer.batchCount,
    entries,
    addenda,
    entry_hash: footer.entryHash,
    total_credit: footer.totalCredit,
    total_debit: footer.totalDebit,
    block_count: footer.blockCount,
    problems,
  }),
);
process.exit(problems.length === 0 ? 0 : 1);
