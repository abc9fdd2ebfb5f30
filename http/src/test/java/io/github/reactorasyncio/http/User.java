package io.github.reactorasyncio.http;

/** The GitHub-shaped user document of the test server. */
record User(String login, long id, String name) {
}
