const axios = require('axios');

async function dashboard(userId) {
  const { data: profile } = await axios.get(`/users/${userId}`, { timeout: 2000 });
  const { data: feed } = await axios.get(`/feed/${userId}`, { timeout: 2000 });
  const total = await countNotifications(userId);
  const settings = await loadSettings(profile.settingsId);
  const theme = await readTheme(userId);
  return { profile, feed, total, settings, theme };
}

module.exports = { dashboard };
