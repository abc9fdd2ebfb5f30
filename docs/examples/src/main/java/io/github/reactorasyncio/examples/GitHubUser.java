package io.github.reactorasyncio.examples;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.Fetch;
import io.github.reactorasyncio.http.FetchOptions;
import tools.jackson.databind.JsonNode;

/**
 * The program that explains asyncio, in Java: fetch a GitHub user and print it, first as with Python's
 * aiohttp, then as with JavaScript's fetch.
 *
 * <pre>{@code
 * async def main():                                          # Python
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get(url) as response:
 *             user = await response.json()
 *             print(user)
 * asyncio.run(main())
 *
 * fetch(url).then(response => response.json()).then(user => console.log(user))   // JavaScript
 * }</pre>
 */
public final class GitHubUser {

	/** GitHub's API refuses requests without a User-Agent. */
	static final String USER_AGENT = "reactor-asyncio-example";

	private GitHubUser() {
	}

	/**
	 * aiohttp style: a coroutine opens a session, awaits the GET, awaits {@code json()}.
	 *
	 * @param url the user's URL
	 * @return the user document
	 * @throws Exception a {@code ClientException} if the request fails
	 */
	public static JsonNode withSession(String url) throws Exception {
		return Async.run(() -> {                                              // asyncio.run(main())
			try (ClientSession session = ClientSession.builder().header("User-Agent", USER_AGENT).build();
					ClientResponse response = Async.await(session.get(url))) {   // async with session.get(url)
				return Async.await(response.json());                          // user = await response.json()
			}
		});
	}

	/**
	 * JavaScript style: {@code await fetch(url).then(r => r.json())}, in a coroutine.
	 *
	 * @param url the user's URL
	 * @return the user document
	 * @throws Exception a {@code ClientException} if the request fails
	 */
	public static JsonNode withFetch(String url) throws Exception {
		FetchOptions options = FetchOptions.builder().header("User-Agent", USER_AGENT)
				.timeout(Duration.ofSeconds(30)).build();
		return Async.run(() -> Async.await(Fetch.fetch(url, options).flatMap(ClientResponse::json)));
	}
}
