// Loaded by index.html before the app's modules: zod (inside core) compiles fast object parsers with
// `new Function` unless told not to, and probes for it once per page load — which the server's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses and reports as a violation. Its
// jitless mode parses the same without generated code. zod reads this global as it loads, so it is set by
// a classic script, which runs before any module script (and is 'self', so the CSP allows it).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
