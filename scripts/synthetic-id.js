'use strict';
// Synthetic national ID numbers for demos (month + 80, as in Skatteetaten's test data): valid
// control digits, never a real person. Uses the compiled @overgang/norway generator.
require('./register-paths');
module.exports = require('@overgang/norway');
