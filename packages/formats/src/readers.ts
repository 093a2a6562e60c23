// Every reader at once, for a process that reads all kinds of files anyway (the server's upload worker);
// read-file.ts imports each one only when a file of its kind arrives.
export * from './pdf/read-pdf.ts';
export * from './convert/office-binary.ts';
export * from './xlsx/read.ts';
export * from './docx/read-docx.ts';
export * from './html/decode.ts';
export * from './html/read-html.ts';
export * from './text/read-text.ts';
export * from './normalise/script.ts';
