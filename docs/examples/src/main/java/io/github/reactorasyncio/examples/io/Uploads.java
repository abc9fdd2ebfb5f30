package io.github.reactorasyncio.examples.io;

import java.nio.file.Path;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.RequestBody;

/** Multipart uploads: fields and a file streamed from disk, as aiohttp's {@code FormData}. */
public final class Uploads {

	private Uploads() {
	}

	// tag::main[]
	/**
	 * Python: {@code data = aiohttp.FormData(); data.add_field("title", title);}
	 * {@code data.add_field("photo", open(photo, "rb"), content_type="image/jpeg")} and
	 * {@code await session.post(url, data=data)}.
	 *
	 * @param session the session to send the request with
	 * @param url where to upload
	 * @param title a text field
	 * @param photo a file, streamed from disk as the connection can take it
	 * @return the server's answer
	 * @throws Exception if the request failed
	 */
	public static String upload(ClientSession session, String url, String title, Path photo) throws Exception {
		RequestBody form = RequestBody.multipart()
				.field("title", title)
				.file("photo", photo, "image/jpeg")
				.build();
		return Async.run(() -> {
			try (ClientResponse r = Async.await(session.post(url, form))) {
				r.raiseForStatus();
				return Async.await(r.text());
			}
		});
	}
	// end::main[]
}
