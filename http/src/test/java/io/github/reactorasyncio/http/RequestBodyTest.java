package io.github.reactorasyncio.http;

import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content types of each kind of body; what is sent is tested against a server in ClientSessionTest. */
class RequestBodyTest {

	@Test
	void eachKindHasItsContentType() {
		assertThat(RequestBody.text("x").contentType()).isEqualTo("text/plain; charset=UTF-8");
		assertThat(RequestBody.text("x", "text/csv").contentType()).isEqualTo("text/csv");
		assertThat(RequestBody.bytes(new byte[1]).contentType()).isEqualTo("application/octet-stream");
		assertThat(RequestBody.json(Map.of("a", 1)).contentType()).isEqualTo("application/json");
		assertThat(RequestBody.form(Map.of("a", "b")).contentType()).isEqualTo("application/x-www-form-urlencoded");
		assertThat(RequestBody.stream(Flux.empty(), "text/event-stream").contentType()).isEqualTo("text/event-stream");
		assertThat(RequestBody.bytes(new byte[3]).toString()).contains("3 bytes");
	}

	@Test
	void nullsAreRejectedByName() {
		assertThatThrownBy(() -> RequestBody.text(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
		assertThatThrownBy(() -> RequestBody.json(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
	}
}
