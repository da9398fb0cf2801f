'use strict';

/** The library's public API: export each function here. */
module.exports = {};
