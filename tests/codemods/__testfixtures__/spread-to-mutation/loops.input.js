// A CommonJS module building a settings object and a list in loops.
function collect(entries) {
  let settings = {};
  let names = [];
  for (const [key, value] of entries) {
    settings = { ...settings, [key]: value, updatedAt: Date.now() };
    names = names.concat([key]);
  }
  return { settings, names };
}

module.exports = { collect };
