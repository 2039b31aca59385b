'use strict';
// Lets the compiled code in dist/ resolve the @overgang/<lib> aliases that tsconfig.json declares.
const path = require('path');
const tsConfigPaths = require('tsconfig-paths');

tsConfigPaths.register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: { '@overgang/*': ['libs/*/src'] },
});
