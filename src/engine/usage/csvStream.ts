/**
 * RFC 4180 CSV fed in chunks: quoted fields with doubled quotes and line breaks inside,
 * CRLF or LF rows. Memory is bounded by the longest row; a longer row is skipped and
 * counted.
 *
 * Why not papaparse: its incremental modes read a File, a URL or a Node stream; a string is
 * parsed whole. Feeding it chunk by chunk means driving its low-level Papa.Parser with
 * `ignoreLastRow` and re-parsing the unfinished row with every chunk, and it has no row
 * limit, so skipping an oversized row would need the quote tracking this file already is.
 */

export class CsvSplitter {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** A quote ended the last chunk inside quotes: an escaped quote or the closing one. */
  private quoteAtEnd = false;
  private rowLength = 0;
  private oversized = false;
  /** Rows begun, counting the header: a row's number for "row 12" messages. */
  rows = 0;

  constructor(
    private readonly onRow: (fields: string[], row: number) => void,
    private readonly onTooLarge: (row: number) => void,
    private readonly maxRowChars = 1024 * 1024,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let i = 0;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (chunk.charCodeAt(0) === 34) {
        this.field += '"';
        start = i = 1;
      } else this.inQuotes = false;
    }
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (c !== 34) continue;
        this.append(chunk, start, i);
        if (i + 1 === chunk.length) {
          this.quoteAtEnd = true;
          start = i + 1;
          break;
        }
        if (chunk.charCodeAt(i + 1) === 34) {
          this.field += '"';
          i++;
        } else this.inQuotes = false;
        start = i + 1;
      } else if (c === 34 && start === i && this.field === '') {
        this.inQuotes = true;
        start = i + 1;
      } else if (c === 44 /* , */) {
        this.append(chunk, start, i);
        this.fields.push(this.field);
        this.field = '';
        start = i + 1;
      } else if (c === 10 /* \n */) {
        this.append(chunk, start, i > start && chunk.charCodeAt(i - 1) === 13 ? i - 1 : i);
        this.endRow();
        start = i + 1;
      }
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  private append(chunk: string, from: number, to: number): void {
    if (to <= from) return;
    this.rowLength += to - from;
    if (this.rowLength > this.maxRowChars) this.oversized = true;
    if (!this.oversized) this.field += chunk.slice(from, to);
  }

  private endRow(): void {
    this.fields.push(this.field.endsWith('\r') ? this.field.slice(0, -1) : this.field);
    this.rows++;
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (this.oversized) this.onTooLarge(this.rows);
    else if (!blank) this.onRow(this.fields, this.rows);
    this.fields = [];
    this.field = '';
    this.rowLength = 0;
    this.oversized = false;
  }

  /** True when the text ended outside a quoted field; false when it was cut inside one. */
  end(): boolean {
    const cut = this.inQuotes && !this.quoteAtEnd;
    if (cut) return false;
    if (this.field !== '' || this.fields.length) this.endRow();
    return true;
  }
}
