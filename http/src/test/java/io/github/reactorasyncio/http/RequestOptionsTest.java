package io.github.reactorasyncio.http;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building options; their effect on requests is tested against a server in ClientSessionTest. */
class RequestOptionsTest {

	@Test
	void buildsWhatWasAsked() {
		RequestOptions o = RequestOptions.builder().header("A", "1").query("q", "v").json(1).timeout(Duration.ofSeconds(2))
				.raiseForStatus(true).build();
		assertThat(o.headers).hasSize(1);
		assertThat(o.query).hasSize(1);
		assertThat(o.body()).isNotNull();
		assertThat(o.timeout).isEqualTo(Duration.ofSeconds(2));
		assertThat(o.raiseForStatus).isTrue();
		assertThat(RequestOptions.none().body()).isNull();
	}

	@Test
	void rejectsANonPositiveTimeout() {
		assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofMillis(-1)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
	}
}
