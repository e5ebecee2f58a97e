/**
 * A progress bar on stderr, written by hand: one line redrawn with \r on a terminal, a line per
 * 10% otherwise (CI logs). Not worth a dependency for one bar. `format` turns a count into text
 * (bytes as MB, say); by default counts are written as they are.
 */
export function progressBar(
  what: string,
  format: (n: number) => string = (n) => n.toLocaleString('vi-VN'),
): (done: number, total: number) => void {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  let finished = false;
  let drawnAt = 0;
  return (done, total) => {
    if (finished) return;
    // On a terminal, redraw at most 10 times a second: callers may report every row.
    if (tty && done < total && Date.now() - drawnAt < 100) return;
    drawnAt = Date.now();
    const ratio = total ? Math.min(done / total, 1) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const secs = (Date.now() - started) / 1000;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${format(done)}/${format(total)} ${what}  ${secs.toFixed(1)}s`;
    finished = done >= total;
    if (tty) {
      process.stderr.write(`\r${line}${finished ? '\n' : ''}`);
    } else if (Math.floor(ratio * 10) !== lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}
