'use strict';

const http = require('node:http');

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The request handler: every route of the API. */
function createApp() {
  return (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/health') {
      return req.method === 'GET' ? send(res, 200, { status: 'ok' }) : send(res, 405, { error: 'method not allowed' });
    }
    return send(res, 404, { error: 'not found' });
  };
}

/** An HTTP server for the app (not listening yet). */
function createServer() {
  return http.createServer(createApp());
}

module.exports = { createApp, createServer };
