package io.github.reactorasyncio.examples.porting;

import java.util.List;
import java.util.Map;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.RequestOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/** Where reactor-asyncio's HTTP client differs from aiohttp: each method is one example of the porting page. */
public final class Aiohttp {

	private Aiohttp() {
	}

	/** A user as the JSON of {@code /users/NAME} has it. */
	public record User(String login, int id) {
	}

	/**
	 * Reads a body twice.
	 *
	 * @param session a session whose base URL serves {@code /users/ada}
	 * @return what the second read said
	 * @throws Exception if the program fails otherwise
	 */
	public static String bodyReadOnce(ClientSession session) throws Exception {
		return Async.run(() -> {
			// tag::readonce[]
			try (ClientResponse response = Async.await(session.get("users/ada"))) {
				String text = Async.await(response.text());         // reads the body
				try {
					Async.await(response.json(User.class));          // a second read
					return "read twice";
				}
				catch (IllegalStateException e) {                   // aiohttp would return the cached body
					return "the body is read once; keep what the first read gave: " + text;
				}
			}
			// end::readonce[]
		});
	}

	/**
	 * A POST without a body.
	 *
	 * @param session a session whose base URL echoes requests at {@code /echo}
	 * @return what the server saw
	 * @throws Exception if the program fails
	 */
	public static String postWithoutABody(ClientSession session) throws Exception {
		return Async.run(() -> {
			// tag::post[]
			try (ClientResponse response = Async.await(session.post("echo"))) {   // no body: Content-Length 0
				return Async.await(response.text());
			}
			// end::post[]
		});
	}

	/**
	 * Query parameters.
	 *
	 * @param session a session whose base URL echoes requests at {@code /echo}
	 * @return what the server saw
	 * @throws Exception if the program fails
	 */
	public static String queryParameters(ClientSession session) throws Exception {
		return Async.run(() -> {
			// tag::query[]
			RequestOptions params = RequestOptions.builder()            // params={"q": "async io", "page": "2"}
					.query("q", "async io")                              // percent-encoded for you
					.query("page", "2")                                  // values are strings
					.build();
			try (ClientResponse response = Async.await(session.get("echo", params))) {
				return Async.await(response.text());
			}
			// end::query[]
		});
	}

	/**
	 * What {@code json()} gives: a typed value, a map, a list, or {@code null}.
	 *
	 * @param session a session whose base URL serves {@code /users/ada}, {@code /users} and {@code /nothing}
	 * @return the three results
	 * @throws Exception if the program fails
	 */
	public static List<@Nullable Object> json(ClientSession session) throws Exception {
		return Async.run(() -> {
			// tag::json[]
			User user;                                                   // a record: the usual choice
			try (ClientResponse r = Async.await(session.get("users/ada"))) {
				user = Async.await(r.json(User.class));
			}
			Map<String, Object> dict;                                    // what aiohttp's json() returns
			try (ClientResponse r = Async.await(session.get("users/ada"))) {
				dict = Async.await(r.json(new TypeReference<Map<String, Object>>() { }));
			}
			List<User> users;                                            // a JSON array
			try (ClientResponse r = Async.await(session.get("users"))) {
				users = Async.await(r.json(new TypeReference<List<User>>() { }));
			}
			Object nothing;                                              // the JSON literal null: an empty Mono
			try (ClientResponse r = Async.await(session.get("nothing"))) {
				nothing = Async.await(r.json(Object.class));             // so await gives null, as Python's None
			}
			// end::json[]
			return java.util.Arrays.asList(user, dict, users, nothing);
		});
	}
}
