// A CommonJS module building a settings object and a list in loops.
function collect(entries) {
  let settings = {};
  let names = [];
  for (const [key, value] of entries) {
    settings[key] = value;
    settings.updatedAt = Date.now();
    names.push(key);
  }
  return { settings, names };
}

module.exports = { collect };
