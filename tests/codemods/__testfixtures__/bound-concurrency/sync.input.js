async function sync(account) {
  const remote = await fetchRemote(account);
  await save(account, remote);
}

exports.syncAll = (accounts) => Promise.all(accounts.map(sync));
