// What `npm ci` needs of package-lock.json beyond what this machine installs: an entry for every optional dependency,
// other platforms' binaries included. A lock written where those were unreachable lacks them, and npm ci refuses it.

/** The lock path npm would install `name` at when the package at `fromPath` asks for it (nearest node_modules up). */
function resolvedPath(packages, fromPath, name) {
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** Every optional dependency named in the lock that has no entry of its own, as `<package path> -> <name>`. */
function optionalDependenciesWithoutEntry(lock) {
  const packages = lock.packages ?? {};
  const missing = [];
  for (const [packagePath, entry] of Object.entries(packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolvedPath(packages, packagePath, name)) missing.push(`${packagePath || '(root)'} -> ${name}`);
    }
  }
  return missing;
}

module.exports = { optionalDependenciesWithoutEntry };
