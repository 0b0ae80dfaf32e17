const axios = require('axios');

async function dashboard(userId) {
  const [{ data: profile }, { data: feed }, total] = await Promise.all([
    axios.get(`/users/${userId}`, { timeout: 2000 }),
    axios.get(`/feed/${userId}`, { timeout: 2000 }),
    countNotifications(userId),
  ]);
  const [settings, theme] = await Promise.all([
    loadSettings(profile.settingsId),
    readTheme(userId),
  ]);
  return { profile, feed, total, settings, theme };
}

module.exports = { dashboard };
