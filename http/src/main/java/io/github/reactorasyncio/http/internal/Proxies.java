package io.github.reactorasyncio.http.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

/**
 * HTTP proxies: one given to the builder, or those of the standard environment variables ({@code HTTP_PROXY},
 * {@code HTTPS_PROXY}, {@code NO_PROXY}, lower case first as curl and aiohttp's {@code trust_env} read them).
 */
public final class Proxies {

	private Proxies() {
	}

	/** A proxy's address and credentials, and the hosts that bypass it. */
	public record Proxy(String host, int port, @Nullable String username, @Nullable String password,
			List<String> noProxy) {
	}

	/**
	 * {@return the proxy of a URL such as {@code http://user:pass@proxy:3128}}
	 *
	 * @param what the setting it came from, for the error message
	 * @throws IllegalArgumentException if it is not an http URL with a host
	 */
	public static Proxy parse(String url, String what, List<String> noProxy) {
		String u = url.contains("://") ? url : "http://" + url;
		URI uri;
		try {
			uri = new URI(u);
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalArgumentException(what + " is not a proxy URL such as http://proxy.example:3128: " + url, e);
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(what + " must be an http:// proxy URL with a host, such as "
					+ "http://proxy.example:3128 (HTTPS and SOCKS proxies are not supported), was: " + url);
		}
		String user = null;
		String pass = null;
		if (uri.getUserInfo() != null) {
			String[] up = uri.getUserInfo().split(":", 2);
			user = up[0];
			pass = up.length > 1 ? up[1] : "";
		}
		return new Proxy(uri.getHost(), uri.getPort() != -1 ? uri.getPort() : 80, user, pass, noProxy);
	}

	/** {@return the proxies for http and https URLs from the environment; either may be null} */
	public static @Nullable Proxy fromEnvironment(Map<String, String> env, boolean https) {
		String name = https ? "https_proxy" : "http_proxy";
		String value = get(env, name);
		if (value == null || value.isBlank()) {
			return null;
		}
		String no = get(env, "no_proxy");
		List<String> noProxy = new ArrayList<>();
		if (no != null) {
			for (String s : no.split(",")) {
				if (!s.isBlank()) {
					noProxy.add(s.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		return parse(value.trim(), name.toUpperCase(Locale.ROOT), noProxy);
	}

	private static @Nullable String get(Map<String, String> env, String lower) {
		String v = env.get(lower);
		return v != null ? v : env.get(lower.toUpperCase(Locale.ROOT));
	}

	/** {@return the client sending through the proxy, or the client itself if there is none} */
	public static HttpClient apply(HttpClient client, @Nullable Proxy proxy) {
		if (proxy == null) {
			return client;
		}
		Predicate<SocketAddress> bypass = a -> a instanceof InetSocketAddress i && bypassed(proxy.noProxy(), i.getHostString());
		return client.proxy(spec -> {
			ProxyProvider.Builder b = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.host()).port(proxy.port())
					.nonProxyHostsPredicate(bypass);
			String user = proxy.username();
			String pass = proxy.password();
			if (user != null) {
				b.username(user).password(x -> pass == null ? "" : pass);
			}
		});
	}

	/** NO_PROXY as curl reads it: {@code *}, a host, or a domain (with or without a leading dot) and its subdomains. */
	static boolean bypassed(List<String> noProxy, String host) {
		String h = host.toLowerCase(Locale.ROOT);
		for (String n : noProxy) {
			String d = n.startsWith(".") ? n.substring(1) : n;
			if (n.equals("*") || h.equals(d) || h.endsWith("." + d)) {
				return true;
			}
		}
		return false;
	}
}
