package io.github.reactorasyncio.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import io.github.reactorasyncio.Async;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RequestBody#multipart()} against a real Reactor Netty server that decodes the parts with
 * {@code receiveForm()} (Netty's {@code HttpPostRequestDecoder}) and answers one line per part: name, file
 * name, content type, size and SHA-256 of the content (or the field's value).
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class MultipartTest {

	@TempDir
	Path dir;
	@RegisterExtension
	final TestServer server = TestServer.handling((req, res) -> res.sendString(req.receiveForm()
			.map(MultipartTest::describe)
			.collectList().map(lines -> req.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE)
					.startsWith("multipart/form-data; boundary=") + "\n" + String.join("\n", lines))));
	private String url;

	@BeforeEach
	void start() {
		url = server.url("/upload");
	}

	private static String describe(HttpData d) {
		try {
			byte[] content = d.get();
			if (d instanceof FileUpload f) {
				return d.getName() + " file " + f.getFilename() + " " + f.getContentType() + " " + content.length + " "
						+ sha(content);
			}
			return d.getName() + "=" + new String(content, StandardCharsets.UTF_8);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String sha(byte[] b) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
	}

	private static String post(ClientSession session, String url, RequestBody body) throws Exception {
		return Async.run(() -> {
			try (ClientResponse r = Async.await(session.post(url, body))) {
				return Async.await(r.text());
			}
		});
	}

	@Test
	void fieldsAndFilesArriveAsParts() throws Exception {
		// 3 MB from disk: far over the encoder's 16 KiB in-memory limit, so it streams from the file
		byte[] big = new byte[3 * 1024 * 1024 + 17];
		new Random(42).nextBytes(big);
		Path file = Files.write(dir.resolve("data.bin"), big);
		byte[] small = "hello, world".getBytes(StandardCharsets.UTF_8);
		RequestBody body = RequestBody.multipart()
				.field("title", "zoë & co")
				.file("upload", file, "application/x-test")
				.file("note", "note.txt", small, "text/plain")
				.build();
		try (ClientSession session = ClientSession.create()) {
			String expected = "true\ntitle=zoë & co\nupload file data.bin application/x-test " + big.length + " "
					+ sha(big) + "\nnote file note.txt text/plain " + small.length + " " + sha(small);
			assertThat(post(session, url, body)).isEqualTo(expected);
			// a body may be sent again: the file is read anew, and was not deleted by the encoder
			assertThat(post(session, url, body)).isEqualTo(expected);
			assertThat(Files.readAllBytes(file)).isEqualTo(big);
		}
	}

	@Test
	void aSmallFileOnDiskIsSentToo() throws Exception {
		Path file = Files.writeString(dir.resolve("a.txt"), "tiny");
		try (ClientSession session = ClientSession.create()) {
			assertThat(post(session, url, RequestBody.multipart().file("f", file).build()))
					.isEqualTo("true\nf file a.txt application/octet-stream 4 " + sha("tiny".getBytes()));
		}
	}

	@Test
	void aFileGoneBeforeTheSendFailsTheRequest() throws Exception {
		Path file = Files.writeString(dir.resolve("gone.txt"), "x");
		RequestBody body = RequestBody.multipart().file("f", file).build();
		Files.delete(file);
		try (ClientSession session = ClientSession.create()) {
			assertThatThrownBy(() -> post(session, url, body)).hasStackTraceContaining("no longer a readable regular file");
		}
	}

	@Test
	void aStalledUploadTimesOutAndReleasesTheFile() throws Exception {
		// a peer that accepts and never reads (a small receive window, set before bind so that accepted sockets get
		// it): the upload stalls part-way and the request's timeout cancels it; the paranoid leak detector (the
		// extension) checks the buffers; the user's file is intact and no longer open
		byte[] chunk = new byte[1024 * 1024];
		new Random(7).nextBytes(chunk);
		Path file = dir.resolve("big.bin");
		try (var out = Files.newOutputStream(file)) {
			for (int i = 0; i < 48; i++) {
				out.write(chunk);
			}
		}
		RequestBody body = RequestBody.multipart().field("a", "b").file("big", file)
				.file("mem", "m.bin", new byte[100], "application/octet-stream").build();
		try (java.net.ServerSocket silent = new java.net.ServerSocket();
				ClientSession session = ClientSession.create()) {
			silent.setReceiveBufferSize(4096);
			silent.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 1);
			String silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/upload";
			assertThatThrownBy(() -> Async.run(() -> Async.await(session.post(silentUrl,
					RequestOptions.builder().body(body).timeout(java.time.Duration.ofSeconds(3)).build()))))
					.isInstanceOf(ClientTimeoutException.class);
		}
		assertThat(Files.size(file)).isEqualTo(48L * chunk.length);
		// the encoder reads the file through a channel it keeps open until the end of the file or its release; the
		// cancel releases it on the connection's thread, after the timeout was signalled, hence the bounded wait.
		// (Not proof on its own: without the release the channel was still closed within the wait, by a cleaner
		// or by Netty, only later.)
		for (int i = 0; i < 500 && openDescriptorsOf(file) > 0; i++) {
			Thread.sleep(10);
		}
		assertThat(openDescriptorsOf(file)).as("descriptors of the uploaded file still open").isZero();
	}

	/** How many of this process's file descriptors point at the file (Linux's /proc; 0 elsewhere). */
	private static long openDescriptorsOf(Path file) throws java.io.IOException {
		Path fds = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fds)) {
			return 0;
		}
		Path real = file.toRealPath();
		try (var list = Files.list(fds)) {
			return list.filter(fd -> {
				try {
					return Files.readSymbolicLink(fd).equals(real);
				}
				catch (java.io.IOException | UnsupportedOperationException e) {
					return false;   // closed meanwhile, or not a link
				}
			}).count();
		}
	}

	@Test
	void badPartsAreRefusedWhenAdded() {
		assertThatThrownBy(() -> RequestBody.multipart().build()).hasMessageContaining("at least one part");
		assertThatThrownBy(() -> RequestBody.multipart().file("f", dir.resolve("missing")))
				.hasMessageContaining("not a readable regular file");
		assertThatThrownBy(() -> RequestBody.multipart().file("f", "n", new byte[0], "text/plain\r\nX: 1"))
				.isInstanceOf(IllegalArgumentException.class);
		assertThat(RequestBody.multipart().field("a", "b").build().toString()).contains("1 parts");
	}
}
