const mongoose = require('mongoose');

module.exports = mongoose.model('Cat', new mongoose.Schema({ name: String }));
