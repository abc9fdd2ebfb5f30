package io.github.reactorasyncio.examples;

import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A local stand-in for {@code https://api.github.com}: {@code GET /users/{login}} answers a GitHub-shaped
 * user document, after {@code ?delay=ms} milliseconds if asked, so that the example runs offline. It
 * listens on a random port of 127.0.0.1 until closed.
 */
public final class EmbeddedGitHub implements AutoCloseable {

	private final DisposableServer server;

	/** Starts the server. */
	public EmbeddedGitHub() {
		server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route(routes -> routes.get("/users/{login}", (request, response) -> {
					String login = String.valueOf(request.param("login"));
					long delay = new QueryStringDecoder(request.uri()).parameters()
							.getOrDefault("delay", java.util.List.of("0")).stream().mapToLong(Long::parseLong).findFirst()
							.orElse(0);
					// the delay is a timer, not a sleeping thread: the server stays free for other requests
					return Mono.delay(Duration.ofMillis(delay))
							.then(response.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
									.sendString(Mono.just(user(login))).then());
				}))
				.bindNow();
	}

	/** @return the base URL, e.g. {@code http://127.0.0.1:41234} */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.port();
	}

	/**
	 * @param login a GitHub login
	 * @return the URL of that user's document on this server
	 */
	public String userUrl(String login) {
		return baseUrl() + "/users/" + login;
	}

	private static String user(String login) {
		int id = login.equals("iliakan") ? 349336 : Math.abs(login.hashCode() % 1_000_000);
		String name = login.equals("iliakan") ? "Ilya Kantor" : "User " + login;
		return "{\"login\":\"" + login + "\",\"id\":" + id + ",\"node_id\":\"MDQ6VXNlcjM0OTMzNg==\","
				+ "\"avatar_url\":\"https://avatars.githubusercontent.com/u/" + id + "?v=4\","
				+ "\"html_url\":\"https://github.com/" + login + "\",\"type\":\"User\",\"site_admin\":false,"
				+ "\"name\":\"" + name + "\",\"company\":null,\"blog\":\"https://javascript.info\","
				+ "\"location\":null,\"bio\":null,\"public_repos\":95,\"followers\":1000,\"following\":0,"
				+ "\"created_at\":\"2010-08-01T14:47:46Z\"}";
	}

	/** Stops the server. */
	@Override
	public void close() {
		server.disposeNow(Duration.ofSeconds(5));
	}
}
