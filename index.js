// Package entry: n8n reads the `n8n` block of package.json; this entry serves plain `require()` users.
module.exports = {
	Reamaze: require('./dist/nodes/Reamaze/Reamaze.node.js').Reamaze,
	ReamazeTrigger: require('./dist/nodes/ReamazeTrigger/ReamazeTrigger.node.js').ReamazeTrigger,
	LibreDesk: require('./dist/nodes/LibreDesk/LibreDesk.node.js').LibreDesk,
	LibreDeskTrigger: require('./dist/nodes/LibreDeskTrigger/LibreDeskTrigger.node.js').LibreDeskTrigger,
	ReamazeApi: require('./dist/credentials/ReamazeApi.credentials.js').ReamazeApi,
	LibreDeskApi: require('./dist/credentials/LibreDeskApi.credentials.js').LibreDeskApi,
};
