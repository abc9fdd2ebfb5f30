package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.reactorasyncio.http.InvalidUrlException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlsTest {

	@Test
	void resolvesAgainstTheBaseAsABrowserDoes() {
		URI base = Urls.parseBase("http://127.0.0.1:8080/api/");
		assertThat(Urls.resolve(base, "users/1")).hasToString("http://127.0.0.1:8080/api/users/1");
		assertThat(Urls.resolve(base, "/root")).hasToString("http://127.0.0.1:8080/root");
		assertThat(Urls.resolve(base, "https://example.org/x")).hasToString("https://example.org/x");
	}

	@Test
	void appendsEncodedQueryParametersAndDropsTheFragment() {
		URI uri = Urls.resolve(null, "http://h/p?a=1#frag", List.of(Map.entry("b", "x y")), List.of(Map.entry("c", "é&")));
		assertThat(uri).hasToString("http://h/p?a=1&b=x%20y&c=%C3%A9%26");
	}

	@Test
	void rejectsWhatCannotBeRequested() {
		assertThatThrownBy(() -> Urls.resolve(null, "http:///nohost")).isInstanceOf(InvalidUrlException.class)
				.hasMessageContaining("no host");
		assertThatThrownBy(() -> Urls.resolve(null, "mailto:a@b")).isInstanceOf(InvalidUrlException.class)
				.hasMessageContaining("'mailto'");
		assertThat(catchInput()).isEqualTo("not a url at all");
	}

	private static String catchInput() {
		try {
			Urls.resolve(null, "not a url at all");
			return "";
		}
		catch (InvalidUrlException e) {
			return e.input();
		}
	}
}
