import yauzl from 'yauzl';

/** Office formats that are zip containers, by file extension: the parts that make one, and its content type. */
const OFFICE: Record<string, { parts: string[]; mimetype?: string; contentType: string }> = {
  docx: {
    parts: ['[Content_Types].xml', 'word/document.xml'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    parts: ['[Content_Types].xml', 'xl/workbook.xml'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  odt: {
    parts: ['mimetype', 'content.xml'],
    mimetype: 'application/vnd.oasis.opendocument.text',
    contentType: 'application/vnd.oasis.opendocument.text',
  },
  ods: {
    parts: ['mimetype', 'content.xml'],
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
  },
};

export const OFFICE_EXTENSIONS = Object.keys(OFFICE);

/** The most entries a document may have before it is refused unread (a zip bomb of entries). */
const MAX_ENTRIES = 10_000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    ),
  );
}

function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (entry.uncompressedSize > max) return resolve('');
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

/**
 * Whether a zip file on disk is the Office document its extension names: the central directory
 * is read (not the whole file), and the parts every such document has must be there (and, for
 * OpenDocument, the `mimetype` entry must name the format). Returns the document's content type,
 * or null when it is not one (a plain zip renamed `.docx`, a corrupt file).
 */
export async function officeDocumentType(file: string, ext: string): Promise<string | null> {
  const kind = OFFICE[ext];
  if (!kind) return null;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    return null;
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) return null;
    const missing = new Set(kind.parts);
    let mimetypeOk = !kind.mimetype;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        missing.delete(entry.fileName);
        if (kind.mimetype && entry.fileName === 'mimetype') {
          readSmallEntry(zip, entry, 200).then((text) => {
            mimetypeOk = text.trim() === kind.mimetype;
            zip.readEntry();
          }, reject);
          return;
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
    return missing.size === 0 && mimetypeOk ? kind.contentType : null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
