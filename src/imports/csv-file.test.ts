import { readCsv } from './csv-file';
import { ImportRefused } from './import-problem';

const COLUMNS = { required: ['external_id', 'title'], optional: ['outlet'] };

function problems(text: string | Buffer) {
  try {
    readCsv(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), COLUMNS);
  } catch (e) {
    if (e instanceof ImportRefused) return e.problems;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsv', () => {
  it('reads rows by column name, numbering them as a spreadsheet does, with a BOM and CRLF line ends', () => {
    const { rows } = readCsv(Buffer.from('\uFEFFExternal_ID,title\r\ns-1,"A, quoted ""title"""\r\n\r\ns-2,Two\r\n', 'utf8'), COLUMNS);
    expect(rows).toEqual([
      { row: 2, cells: { external_id: 's-1', title: 'A, quoted "title"' } },
      { row: 3, cells: { external_id: 's-2', title: 'Two' } },
    ]);
  });

  it('reads back cells our exports neutralised for spreadsheets (a leading quote before = + - @)', () => {
    const { rows } = readCsv(Buffer.from("external_id,title\ns-1,'=SUM(A1)\ns-2,'quoted on purpose\n", 'utf8'), COLUMNS);
    expect(rows.map((r) => r.cells.title)).toEqual(['=SUM(A1)', "'quoted on purpose"]);
  });

  it('refuses a wrong header: missing, unknown and repeated columns, each named', () => {
    expect(problems('id,title,title,colour\n')).toEqual([
      { row: 1, column: 'id', message: expect.stringContaining('unknown column') },
      { row: 1, column: 'title', message: 'this column appears twice in the header row' },
      { row: 1, column: 'colour', message: expect.stringContaining('unknown column') },
      { row: 1, column: 'external_id', message: 'this column is required but missing from the header row' },
    ]);
  });

  it('refuses a file that is not UTF-8, naming the row of the first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('external_id,title\ns-1,ok\ns-2,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(problems(latin1)).toEqual([{ row: 3, column: null, message: expect.stringContaining('not UTF-8') }]);
  });

  it('refuses unterminated quotes and rows with too many cells, naming the row', () => {
    expect(problems('external_id,title\ns-1,"never closed\ns-2,x\n')).toEqual([{ row: 2, column: null, message: expect.stringContaining('never closed') }]);
    expect(problems('external_id,title\ns-1,a\ns-2,b,c\n')).toEqual([{ row: 3, column: null, message: expect.stringContaining('number of cells') }]);
  });

  it('refuses an empty file, saying which header it needs', () => {
    expect(problems('')).toEqual([{ row: 1, column: null, message: expect.stringContaining('external_id,title') }]);
  });
});
