package io.github.reactorasyncio.http;

import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.Deadline;
import io.github.reactorasyncio.http.internal.Deadlines;
import io.github.reactorasyncio.http.internal.Durations;
import io.github.reactorasyncio.http.internal.Errors;
import io.github.reactorasyncio.http.internal.Headers;
import io.github.reactorasyncio.http.internal.IoThreads;
import io.github.reactorasyncio.http.internal.OpenSockets;
import io.github.reactorasyncio.http.internal.Proxies;
import io.github.reactorasyncio.http.internal.Redirects;
import io.github.reactorasyncio.http.internal.ResponseGuard;
import io.github.reactorasyncio.http.internal.ResponseWait;
import io.github.reactorasyncio.http.internal.Tls;
import io.github.reactorasyncio.http.internal.Tracers;
import io.github.reactorasyncio.http.internal.Urls;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP client with a connection pool and defaults shared by its requests: Python's
 * {@code aiohttp.ClientSession}, on Reactor Netty's {@code HttpClient}.
 *
 * <pre>{@code
 * try (ClientSession session = ClientSession.create()) {
 *     Async.run(() -> {
 *         try (ClientResponse r = Async.await(session.get("https://api.github.com/users/iliakan"))) {
 *             System.out.println(Async.await(r.json()));
 *         }
 *         return null;
 *     });
 * }
 * }</pre>
 *
 * <p>Every request method returns a cold {@code Mono<ClientResponse>}: each subscription sends one request
 * and signals the response, on a Reactor Netty event loop thread, once its status and headers have arrived.
 * The body is read later, through the response; only a small one (a {@code Content-Length} of at most
 * 64 KiB) is read before the response is signalled, so that reading it then completes at once. Cancelling the subscription before then aborts the
 * request and closes its connection; a coroutine cancelled while awaiting it closes a late response. An
 * error status is an ordinary response unless {@code raiseForStatus} is on. Failures are
 * {@link ClientException}s, timeouts {@link ClientTimeoutException}s; nothing waits forever, since the total timeout (default
 * {@value #DEFAULT_TOTAL_TIMEOUT_SECONDS} s) bounds every request from its start to the end of its body.
 * Redirects are followed up to {@value #DEFAULT_MAX_REDIRECTS} times, as in aiohttp.
 *
 * <p>The request methods ({@code get}, {@code post}, {@code put}, {@code patch}, {@code delete},
 * {@code head}, {@code request}) are annotated {@code @CheckReturnValue}: the Mono does nothing until it is
 * subscribed or awaited, so an IDE or Error Prone flags a call whose result is dropped.
 *
 * <p>Header names and values, the session's and each request's, are checked when given: a name that is not
 * an HTTP token, or a value with a CR, LF or other control character, throws {@link IllegalArgumentException}
 * at once, so that user input can never inject a header.
 *
 * <p>Thread-safe; share one session for many requests, and {@link #close()} it to release its pool.
 */
public final class ClientSession extends HttpVerbs implements AutoCloseable {

	/** The default total timeout, as aiohttp's: 5 minutes. */
	public static final long DEFAULT_TOTAL_TIMEOUT_SECONDS = 300;
	/** The default connect timeout, as aiohttp's {@code sock_connect}: 30 seconds. */
	public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;
	/** The default per-read timeout: 60 seconds without a byte. */
	public static final long DEFAULT_READ_TIMEOUT_SECONDS = 60;
	/** The default pool size per host, as aiohttp's {@code limit}: 100 connections. */
	public static final int DEFAULT_MAX_CONNECTIONS = 100;
	/** The default limit of a buffered body ({@code text()}, {@code read()}, {@code json()}): 10 MiB. */
	public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
	/** The default limit of redirects a request follows, as aiohttp's {@code max_redirects}: 10. */
	public static final int DEFAULT_MAX_REDIRECTS = 10;

	private static final AtomicInteger IDS = new AtomicInteger();

	private final @Nullable URI baseUrl;
	private final List<Map.Entry<String, String>> query;
	private final Duration totalTimeout;
	private final Duration connectTimeout;
	private final Duration readTimeout;
	private final boolean raiseForStatus;
	private final boolean lenientJson;
	private final long maxBodyBytes;
	private final boolean followRedirects;
	private final int maxRedirects;
	// the application's mapper, or null for Jackson's shared one, looked up at the first JSON body: building it
	// loads much of Jackson, which a session that never sends or reads JSON should not pay for at create()
	private final @Nullable JsonMapper mapper;
	private final CookieJar cookieJar;
	private final List<Map.Entry<String, String>> headers;
	private final Tracers tracers;
	/** The requests in flight, their total timeouts, that {@link #close()} fails at once. */
	private final Deadlines deadlines;
	private final OpenSockets<WebSocket> sockets = new OpenSockets<>(WebSocket::goAway);
	private final ConnectionProvider provider;
	// the session's own Netty event loops (ioThreads given to the builder), disposed by close(); null when shared
	private final @Nullable LoopResources ownLoops;
	private final HttpClient client;
	// the client before the proxy: the secure one is made from it, with the https proxy
	private final HttpClient unproxied;
	private final Proxies.@Nullable Proxy httpsProxy;
	// the client for https URLs, built at the first one: building the TLS context loads the JDK's TLS stack and
	// trust store, hundreds of milliseconds at create() that a session to plain-http services never needs
	private volatile @Nullable HttpClient secureClient;
	private final Duration handshakeTimeout;
	// the session's own TLS context, built with it, or null for Reactor Netty's default (built at the first https URL)
	private final @Nullable SslContext tls;
	private final boolean insecure;
	private volatile boolean closed;
	private volatile @Nullable Resolved lastResolved;
	private volatile @Nullable Sender lastSender;

	private ClientSession(Builder b) {
		this.baseUrl = b.baseUrl;
		this.query = List.copyOf(b.query);
		this.totalTimeout = b.totalTimeout;
		this.deadlines = new Deadlines(totalTimeout);
		this.connectTimeout = b.connectTimeout;
		this.readTimeout = b.readTimeout;
		this.raiseForStatus = b.raiseForStatus;
		this.lenientJson = b.lenientJson;
		this.maxBodyBytes = b.maxBodyBytes;
		this.followRedirects = b.followRedirects;
		this.maxRedirects = b.maxRedirects;
		this.mapper = b.mapper;
		this.handshakeTimeout = connectTimeout;
		this.insecure = b.insecure;
		if (b.insecure && !b.trustCerts.isEmpty()) {
			throw new IllegalStateException("Both insecureTrustAllCertificates() and trusted certificates were given: "
					+ "trusting the certificates is enough, drop insecureTrustAllCertificates()");
		}
		this.tls = b.insecure || !b.trustCerts.isEmpty() || b.clientKey != null
				? Tls.context(b.trustCerts, b.clientKey, b.clientChain, b.insecure) : null;
		this.cookieJar = b.cookieJar != null ? b.cookieJar : CookieJar.create();
		int id = IDS.incrementAndGet();
		this.ownLoops = b.ioThreads > 0 ? IoThreads.own(id, b.ioThreads) : null;
		this.provider = ConnectionProvider.builder("reactor-asyncio-http-" + id)
				.maxConnections(b.maxConnections)
				// each request's own total timeout (its Deadline) bounds its wait for a connection, so that a
				// request with a longer timeout than the session's waits that long; a bounded queue would fail
				// bursts instead
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(Durations.NEVER)
				.build();
		this.headers = List.copyOf(b.headers);
		this.tracers = new Tracers(b.traceConfigs);
		Tracers t = tracers;
		BiPredicate<HttpClientRequest, HttpClientResponse> follow = t.isEmpty() ? Redirects::follow : t::follow;
		HttpClient c = HttpClient.create(provider)
				.runOn(ownLoops != null ? ownLoops : IoThreads.shared())
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
				// interim 1xx responses skipped, connections in an unknown state never pooled, the read timeout kept
				// per connection (rather than Reactor Netty's responseTimeout, a handler added per request)
				.doOnChannelInit(ResponseGuard.installer(readTimeout))
				// always the predicate: a request may follow redirects when the session does not, or the reverse
				.followRedirect(follow)
				.compress(b.compress);
		if (!headers.isEmpty()) {
			c = c.headers(h -> headers.forEach(e -> h.add(e.getKey(), e.getValue())));
		}
		this.unproxied = cookieJar.install(c, follow);
		Map<String, String> env = b.trustEnv ? b.environment : Map.of();
		Proxies.Proxy httpProxy = b.proxy != null ? b.proxy : Proxies.fromEnvironment(env, false);
		this.httpsProxy = b.proxy != null ? b.proxy : Proxies.fromEnvironment(env, true);
		this.client = Proxies.apply(unproxied, httpProxy);
	}

	/** {@return a session with the defaults: no base URL, the default timeouts and pool, strict JSON} */
	public static ClientSession create() {
		return builder().build();
	}

	/** {@return a builder of a session} */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	@CheckReturnValue
	public Mono<ClientResponse> request(String method, String url, RequestOptions options) {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(options, "options");
		checkOpen();
		HttpMethod m = HttpMethod.valueOf(Headers.method(method));
		return Mono.defer(() -> send(m, url, options));
	}

	private Mono<ClientResponse> send(HttpMethod m, String url, RequestOptions options) {
		if (closed) {
			return Mono.error(closedError());
		}
		URI uri;
		try {
			uri = resolve(url, options);
		}
		catch (InvalidUrlException e) {
			return Mono.error(e);
		}
		String method = m.name();
		HttpClient c = clientFor(uri);
		HttpClient.RequestSender sender;
		if (!options.headers.isEmpty()) {
			c = c.headers(h -> {
				options.headers.forEach(e -> h.remove(e.getKey()));
				options.headers.forEach(e -> h.add(e.getKey(), e.getValue()));
			});
			sender = c.request(m).uri(uri);
		}
		else {
			sender = senderFor(c, m, uri);
		}
		RequestBody body = options.body;
		HttpClient.ResponseReceiver<?> receiver = body == null ? sender
				// a redirect that turned the request into a GET (a 303, as RFC 9110 says) drops the body, as aiohttp
				: sender.send((req, out) -> req.method().equals(m) ? body.send(req, out, mapper()) : Mono.empty());
		boolean follow = options.followRedirects != null ? options.followRedirects : followRedirects;
		int redirects = !follow ? Redirects.NONE : options.maxRedirects != null ? options.maxRedirects : maxRedirects;
		Deadline deadline = deadlines.start(options.timeout != null ? options.timeout : totalTimeout);
		long maxBody = options.maxBodyBytes > 0 ? options.maxBodyBytes : maxBodyBytes;
		if (closed) {
			// close() ran after the check above and before the deadline was registered: it missed it
			deadline.abort();
		}
		Mono<ClientResponse> response = new ResponseWait<>(receiver
				.responseConnection((res, conn) -> {
					if (Redirects.overLimit(redirects, res)) {
						conn.dispose();
						return Mono.error(Redirects.tooMany(method, res, redirects));
					}
					return new ClientResponse(this, method, uri, res, conn, deadline, maxBody).prefetchIfSmall();
				}), deadline, Redirects.context(redirects), () -> deadline.failure(method, uri),
				// e.g. the disposed pool failing a queued acquire: what happened is the close
				e -> closed && !(e instanceof SessionClosedException) ? new SessionClosedException(method, uri, e)
						: Errors.map(e, method, uri, connectTimeout, readTimeout, deadline.length()));
		boolean raise = options.raiseForStatus != null ? options.raiseForStatus : raiseForStatus;
		if (tracers.isEmpty()) {
			return raise ? response.flatMap(ClientResponse::raiseForStatusWithBody) : response;
		}
		// traced as aiohttp does: the end when the head arrived, then an exception if raiseForStatus fails it
		long start = System.nanoTime();
		tracers.start(method, uri, Tracers.headers(headers, options.headers));
		response = response.doOnNext(r -> tracers.end(method, uri, r.status(), start));
		return (raise ? response.flatMap(ClientResponse::raiseForStatusWithBody) : response)
				.doOnError(e -> tracers.exception(method, uri, e, start));
	}

	/**
	 * Resolves the URL, reusing the last result for the same URL: clients tend to call the same few URLs,
	 * and parsing one costs as much as a tenth of a small request.
	 */
	private URI resolve(String url, RequestOptions options) {
		if (!options.query.isEmpty()) {
			return Urls.resolve(baseUrl, url, query, options.query);
		}
		Resolved last = lastResolved;
		if (last != null && last.url.equals(url)) {
			return last.uri;
		}
		URI uri = Urls.resolve(baseUrl, url, query);
		lastResolved = new Resolved(url, uri);
		return uri;
	}

	private record Resolved(String url, URI uri) {
	}

	/**
	 * The request sender of the client, method and URL, reusing the last one for the same three: Reactor Netty's
	 * {@code request(m)} and {@code uri(uri)} each copy the client's whole configuration, and a sender is
	 * immutable, so one serves any number of requests.
	 */
	private HttpClient.RequestSender senderFor(HttpClient c, HttpMethod m, URI uri) {
		Sender last = lastSender;
		if (last != null && last.client == c && last.method == m && last.uri == uri) {
			return last.sender;
		}
		HttpClient.RequestSender sender = c.request(m).uri(uri);
		lastSender = new Sender(c, m, uri, sender);
		return sender;
	}

	private record Sender(HttpClient client, HttpMethod method, URI uri, HttpClient.RequestSender sender) {
	}

	private void checkOpen() {
		if (closed) {
			throw closedError();
		}
	}

	private IllegalStateException closedError() {
		return new IllegalStateException("This ClientSession is closed, so it has no connection pool any more. "
				+ "Make requests before closing it (e.g. inside its try-with-resources block), or create a new one.");
	}

	/** {@return whether {@link #close()} was called} */
	public boolean isClosed() {
		return closed;
	}

	/** {@return how many requests are in flight: their response or body still pending} For tests. */
	int requestsInFlight() {
		return deadlines.inFlight();
	}

	/**
	 * Returns the session's cookie jar: aiohttp's {@code session.cookie_jar}. Its cookies are sent with the
	 * requests (and WebSocket handshakes) whose URL they match, and those of every response are stored in it.
	 *
	 * @return the jar given to the builder, else the session's own {@link CookieJar#create()}
	 */
	public CookieJar cookieJar() {
		return cookieJar;
	}

	JsonMapper mapper() {
		JsonMapper m = mapper;
		return m != null ? m : JsonMapper.shared();
	}
	/**
	 * The client for the URL: with TLS configured for https (the handshake is part of connecting, so bounded by
	 * the connect timeout rather than Netty's fixed 10 s), plain otherwise. A redirect from http to https made by
	 * the plain client uses Reactor Netty's default TLS settings.
	 */
	private HttpClient clientFor(URI uri) {
		if (!"https".equalsIgnoreCase(uri.getScheme())) {
			return client;
		}
		HttpClient c = secureClient;
		if (c == null) {
			SslContext own = tls;
			if (own != null) {
				c = unproxied.secure(spec -> {
					SslProvider.Builder b = spec.sslContext(own).handshakeTimeout(handshakeTimeout);
					if (insecure) {
						b.handlerConfigurator(Tls::skipHostnameCheck);
					}
				});
			}
			else {
				// (the GenericSslContextSpec overload: the ProtocolSslContextSpec one is deprecated)
				c = unproxied.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forClient())
						.handshakeTimeout(handshakeTimeout));
			}
			c = Proxies.apply(c, httpsProxy);
			secureClient = c; // a race builds it twice, harmlessly
		}
		return c;
	}


	boolean lenientJson() {
		return lenientJson;
	}

	Duration connectTimeout() {
		return connectTimeout;
	}

	Duration readTimeout() {
		return readTimeout;
	}

	/**
	 * Closes the session: every request in flight (waiting for a connection or its response, or with a body
	 * unread or being read) fails at once with {@link SessionClosedException} and its connection is closed;
	 * then the pool is disposed. Every open {@link WebSocket} of the session is closed with 1001 (going
	 * away): a receive waiting on it gets the end ({@link WebSocketMessage.Type#CLOSED} once the server
	 * answers the close), as aiohttp's close closes its connector and every connection with it. Later requests
	 * throw {@link IllegalStateException}. Idempotent; any thread; never blocks.
	 */
	@Override
	public void close() {
		if (!closed) {
			closed = true;
			sockets.closeAll();
			// the pool first: a request queued for a connection must fail, not get the one an aborted request frees
			provider.dispose();
			deadlines.abortAll();
			LoopResources loops = ownLoops;
			if (loops != null) {
				// gracefully, in the background: the connections the pool is closing still need their loops
				loops.disposeLater().subscribe(null, e -> { });
			}
		}
	}

	/**
	 * Opens a WebSocket: aiohttp's {@code session.ws_connect(url)}. See {@link #wsConnect(String, WebSocketOptions)}.
	 *
	 * @param url a {@code ws://}, {@code wss://} or http(s) URL, absolute or relative to the base URL
	 * @return a cold Mono of the open WebSocket
	 * @throws IllegalStateException if the session is closed
	 */
	@CheckReturnValue
	public Mono<WebSocket> wsConnect(String url) {
		return wsConnect(url, WebSocketOptions.defaults());
	}

	/**
	 * Opens a WebSocket with options of its own. The upgrade request carries the session's default headers and
	 * query parameters. The Mono is cold: each subscription opens one WebSocket, signalled on a Reactor Netty
	 * event loop thread once the handshake succeeded; it fails with a {@link WebSocketHandshakeException} if
	 * the server refuses the upgrade, an {@link InvalidUrlException} or a {@link ClientConnectionException}.
	 * Cancelling it aborts the handshake, and a WebSocket that opens after the cancel is closed.
	 *
	 * @param url a {@code ws://}, {@code wss://} or http(s) URL, absolute or relative to the base URL
	 * @param options headers, subprotocols, heartbeat, message size limit
	 * @return a cold Mono of the open WebSocket; close it
	 * @throws IllegalStateException if the session is closed
	 */
	@CheckReturnValue
	public Mono<WebSocket> wsConnect(String url, WebSocketOptions options) {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(options, "options");
		checkOpen();
		return Mono.defer(() -> {
			if (closed) {
				return Mono.error(closedError());
			}
			String http = url.regionMatches(true, 0, "ws://", 0, 5) ? "http://" + url.substring(5)
					: url.regionMatches(true, 0, "wss://", 0, 6) ? "https://" + url.substring(6) : url;
			URI uri;
			try {
				uri = Urls.resolve(baseUrl, http, query);
			}
			catch (InvalidUrlException e) {
				return Mono.error(e);
			}
			return WebSocket.connect(clientFor(uri), uri, options, mapper(), connectTimeout, readTimeout, sockets);
		});
	}

	@Override
	public String toString() {
		return "ClientSession[" + (closed ? "CLOSED" : "OPEN") + (baseUrl != null ? ", " + baseUrl : "") + "]";
	}

	/** Builds a {@link ClientSession}, OkHttp style; not thread-safe. */
	public static final class Builder {

		private @Nullable URI baseUrl;
		private final List<Map.Entry<String, String>> headers = new ArrayList<>();
		private final List<Map.Entry<String, String>> query = new ArrayList<>();
		private Duration totalTimeout = Duration.ofSeconds(DEFAULT_TOTAL_TIMEOUT_SECONDS);
		private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
		private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS);
		private int maxConnections = DEFAULT_MAX_CONNECTIONS;
		private int ioThreads;
		private boolean raiseForStatus;
		private boolean lenientJson;
		private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
		private boolean followRedirects = true;
		private int maxRedirects = DEFAULT_MAX_REDIRECTS;
		private boolean compress = true;
		private @Nullable JsonMapper mapper;
		private @Nullable CookieJar cookieJar;
		private final List<TraceConfig> traceConfigs = new ArrayList<>();
		private final List<X509Certificate> trustCerts = new ArrayList<>();
		private @Nullable PrivateKey clientKey;
		private List<X509Certificate> clientChain = List.of();
		private boolean insecure;
		private Proxies.@Nullable Proxy proxy;
		private boolean trustEnv;
		private Map<String, String> environment = System.getenv();

		private Builder() {
		}

		/**
		 * Sets the base URL that relative request URLs are resolved against.
		 *
		 * @param baseUrl an absolute http(s) URL that relative request URLs are resolved against, as a browser
		 *        resolves links: end it with {@code /} so that {@code "users/1"} is appended to its path
		 * @return this builder
		 * @throws InvalidUrlException if it is not an absolute http(s) URL
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = Urls.parseBase(Objects.requireNonNull(baseUrl, "baseUrl"));
			return this;
		}

		/**
		 * Adds a default header that every request sends.
		 *
		 * @param name a header every request sends (a request's own header of that name replaces it)
		 * @param value its value
		 * @return this builder
		 * @throws IllegalArgumentException if the name is not an HTTP token or the value has a CR, LF or
		 *         another control character but tab (it could inject headers)
		 */
		public Builder header(String name, String value) {
			Headers.check(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			headers.add(Map.entry(name, value));
			return this;
		}

		/**
		 * Adds a query parameter that every request sends.
		 *
		 * @param name a query parameter every request adds
		 * @param value its value, percent-encoded when sent
		 * @return this builder
		 */
		public Builder query(String name, String value) {
			query.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
			return this;
		}

		/**
		 * Sets the total timeout of every request, from its start to the last byte of its body.
		 *
		 * @param timeout the longest a request may take from its start to the last byte of its body, waiting
		 *        for a pooled connection included (default {@value ClientSession#DEFAULT_TOTAL_TIMEOUT_SECONDS} s)
		 *        or longer than about 292 years (e.g. {@code ChronoUnit.FOREVER.getDuration()}) means never
		 * @return this builder
		 * @throws IllegalArgumentException if it is zero or negative
		 */
		public Builder totalTimeout(Duration timeout) {
			this.totalTimeout = Durations.timeout(Objects.requireNonNull(timeout, "timeout"), "totalTimeout");
			return this;
		}

		/**
		 * Sets the connect timeout: how long opening a TCP connection may take.
		 *
		 * @param timeout the longest opening a TCP connection may take (default
		 *        {@value ClientSession#DEFAULT_CONNECT_TIMEOUT_SECONDS} s); Netty caps it at about 24 days
		 * @return this builder
		 * @throws IllegalArgumentException if it is zero or negative
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = Durations.timeout(Objects.requireNonNull(timeout, "timeout"), "connectTimeout");
			return this;
		}

		/**
		 * Sets the read timeout: how long the connection may stay silent while a response or its body is awaited.
		 *
		 * @param timeout the longest the connection may stay silent while the response and its body are
		 *        awaited (default {@value ClientSession#DEFAULT_READ_TIMEOUT_SECONDS} s); a body left unread
		 *        that long fails too; longer than about 292 years means never
		 * @return this builder
		 * @throws IllegalArgumentException if it is zero or negative
		 */
		public Builder readTimeout(Duration timeout) {
			this.readTimeout = Durations.timeout(Objects.requireNonNull(timeout, "timeout"), "readTimeout");
			return this;
		}

		/**
		 * Sets the size of the connection pool per host.
		 *
		 * @param max the most connections open at once per host (default
		 *        {@value ClientSession#DEFAULT_MAX_CONNECTIONS}); more requests wait for a free one
		 * @return this builder
		 */
		public Builder maxConnections(int max) {
			if (max < 1) {
				throw new IllegalArgumentException("maxConnections must be at least 1, was " + max);
			}
			this.maxConnections = max;
			return this;
		}

		/**
		 * Gives the session its own Netty event loops (IO threads) instead of the shared ones. By default every
		 * session uses one shared set of IO threads, one per available processor (or Reactor Netty's
		 * {@code reactor.netty.ioWorkerCount} system property, if set), made at the first request; unlike Reactor
		 * Netty's own default of at least 4, a one- or two-core machine then has no more IO threads than cores,
		 * which saves wake-ups and CPU on every request. A session's own threads are daemon threads, stopped by
		 * {@link ClientSession#close()}; responses and bodies are then signalled on them.
		 *
		 * @param threads how many IO threads the session owns; at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if {@code threads} is less than 1
		 */
		public Builder ioThreads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("ioThreads must be at least 1, was " + threads
						+ " (leave it unset for the shared IO threads, one per processor)");
			}
			this.ioThreads = threads;
			return this;
		}

		/**
		 * Sets whether an error status (400 or above) fails every request with {@link ClientResponseException}.
		 *
		 * @param raise whether every response with a status of 400 or more fails the request with
		 *        {@link ClientResponseException} (default {@code false}, as aiohttp)
		 * @return this builder
		 */
		public Builder raiseForStatus(boolean raise) {
			this.raiseForStatus = raise;
			return this;
		}

		/**
		 * Sets whether {@code json()} parses a body whatever its {@code Content-Type}.
		 *
		 * @param lenient whether {@code json()} parses any body, whatever its {@code Content-Type} (default
		 *        {@code false}: a non-JSON content type fails with {@link ContentTypeException})
		 * @return this builder
		 */
		public Builder lenientJson(boolean lenient) {
			this.lenientJson = lenient;
			return this;
		}

		/**
		 * Sets the largest body that {@code text()}, {@code read()} and {@code json()} buffer; a larger one
		 * fails the read with {@link BodyTooLargeException} and closes the connection. Streaming reads
		 * ({@code content()}, {@code lines()}) are not limited.
		 *
		 * @param max the most bytes of a buffered body, counted after decompression (default
		 *        {@value ClientSession#DEFAULT_MAX_BODY_BYTES}, 10 MiB); at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if {@code max} is below 1
		 */
		public Builder maxBodyBytes(long max) {
			this.maxBodyBytes = checkMaxBodyBytes(max);
			return this;
		}

		static long checkMaxBodyBytes(long max) {
			if (max < 1) {
				throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + max);
			}
			return max;
		}

		/**
		 * Sets whether redirects are followed; a request may say otherwise with
		 * {@link RequestOptions.Builder#followRedirects(boolean)}.
		 *
		 * @param follow whether 301, 302, 303, 307 and 308 are followed (default {@code true}); if not, the
		 *        redirect is the response
		 * @return this builder
		 */
		public Builder followRedirects(boolean follow) {
			this.followRedirects = follow;
			return this;
		}

		/**
		 * Sets how many redirects a request follows before it fails with {@link TooManyRedirectsException},
		 * as aiohttp's {@code max_redirects}; a request may set its own with
		 * {@link RequestOptions.Builder#maxRedirects(int)}.
		 *
		 * @param max the most redirects a request follows (default {@value ClientSession#DEFAULT_MAX_REDIRECTS})
		 * @return this builder
		 * @throws IllegalArgumentException if it is less than 1 (to follow none, use {@code followRedirects(false)})
		 */
		public Builder maxRedirects(int max) {
			this.maxRedirects = RequestOptions.checkMaxRedirects(max);
			return this;
		}

		/**
		 * Sets whether requests accept compressed bodies and decompress them.
		 *
		 * @param compress whether requests accept gzip and deflate and such bodies are decompressed
		 *        (default {@code true})
		 * @return this builder
		 */
		public Builder compress(boolean compress) {
			this.compress = compress;
			return this;
		}

		/**
		 * Sets the Jackson mapper that writes and reads JSON bodies.
		 *
		 * @param mapper the Jackson 3 mapper for JSON bodies, sent and received (default
		 *        {@code JsonMapper.shared()})
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/**
		 * Sets the cookie jar: aiohttp's {@code ClientSession(cookie_jar=...)}. Give one jar to several builders
		 * to share its cookies, {@link CookieJar#dummy()} to keep and send none, {@link CookieJar#unsafe()} to
		 * keep those of IP-address hosts too.
		 *
		 * @param jar the jar (default a new {@link CookieJar#create()} per session)
		 * @return this builder
		 */
		public Builder cookieJar(CookieJar jar) {
			this.cookieJar = Objects.requireNonNull(jar, "jar");
			return this;
		}

		/**
		 * Adds callbacks that observe every request of the session: aiohttp's
		 * {@code ClientSession(trace_configs=[...])}. Several may be added; they are called in the order added.
		 * See {@link TraceConfig} for when and on which thread each is called, and what happens if one throws.
		 *
		 * @param config the callbacks
		 * @return this builder
		 */
		public Builder traceConfig(TraceConfig config) {
			traceConfigs.add(Objects.requireNonNull(config, "config"));
			return this;
		}

		/**
		 * Trusts these certificates, and only these, for https: a private CA's, or a self-signed server's. As
		 * aiohttp's {@code ssl=ssl.create_default_context(cafile=...)}, they replace the JDK's default trust
		 * store (public CAs are no longer trusted by this session); calls add up. The server's certificate must
		 * still name the host of the URL (a DNS name or, for {@code https://127.0.0.1}, an IP address).
		 *
		 * @param certificates the certificates to trust
		 * @return this builder
		 */
		public Builder trustCertificates(X509Certificate... certificates) {
			Objects.requireNonNull(certificates, "certificates");
			for (X509Certificate c : certificates) {
				trustCerts.add(Objects.requireNonNull(c, "certificates[i]"));
			}
			return this;
		}

		/**
		 * Trusts the certificates of a trust store, and only those, for https: as
		 * {@link #trustCertificates(X509Certificate...)} with every X.509 certificate the store holds (its
		 * trusted-certificate entries and the certificates of its key entries).
		 *
		 * @param store a loaded key store, e.g. {@code KeyStore.getInstance(file, password)}
		 * @return this builder
		 * @throws IllegalArgumentException if the store holds no X.509 certificate, or is not loaded
		 */
		public Builder trustStore(KeyStore store) {
			Objects.requireNonNull(store, "store");
			List<X509Certificate> found = new ArrayList<>();
			try {
				for (String alias : Collections.list(store.aliases())) {
					Certificate c = store.getCertificate(alias);
					if (c instanceof X509Certificate x) {
						found.add(x);
					}
				}
			}
			catch (KeyStoreException e) {
				throw new IllegalArgumentException("The trust store is not loaded: call store.load(...) first", e);
			}
			if (found.isEmpty()) {
				throw new IllegalArgumentException("The trust store holds no X.509 certificate, so it would trust "
						+ "no server: give it the CA or server certificates to trust");
			}
			trustCerts.addAll(found);
			return this;
		}

		/**
		 * Sends a client certificate when a server asks for one (mutual TLS): aiohttp's
		 * {@code ssl_context.load_cert_chain(certfile, keyfile)}.
		 *
		 * @param key the certificate's private key
		 * @param chain the client's certificate first, then any intermediate CA certificates
		 * @return this builder
		 * @throws IllegalArgumentException if the chain is empty
		 */
		public Builder clientCertificate(PrivateKey key, X509Certificate... chain) {
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(chain, "chain");
			if (chain.length == 0) {
				throw new IllegalArgumentException("clientCertificate needs the certificate chain of the key, its own first");
			}
			this.clientKey = key;
			this.clientChain = List.of(chain);
			return this;
		}

		/**
		 * <b>Insecure, for local testing only:</b> trusts every server certificate and skips the check that it
		 * names the host, as aiohttp's {@code ssl=False}. Anyone between the client and the server can then read
		 * and change the traffic, credentials included. Never use it in production; to talk to a server with a
		 * self-signed or private-CA certificate, trust that certificate with
		 * {@link #trustCertificates(X509Certificate...)} instead. There is no boolean variant, so that it is
		 * never switched on by a configuration value by accident.
		 *
		 * @return this builder
		 */
		public Builder insecureTrustAllCertificates() {
			this.insecure = true;
			return this;
		}

		/**
		 * Sends every request through an HTTP proxy: aiohttp's {@code proxy=}. Reactor Netty (Netty's
		 * {@code HttpProxyHandler}) opens a tunnel with {@code CONNECT host:port} for http and https URLs alike;
		 * user and password in the URL are sent as {@code Proxy-Authorization: Basic}. It takes precedence over
		 * the environment variables of {@link #trustEnv(boolean)}.
		 *
		 * @param url the proxy, such as {@code http://proxy.example:3128} or {@code http://user:pass@proxy:3128}
		 * @return this builder
		 * @throws IllegalArgumentException if it is not an {@code http://} URL with a host (HTTPS and SOCKS proxies
		 *         are not supported)
		 */
		public Builder proxy(String url) {
			this.proxy = Proxies.parse(Objects.requireNonNull(url, "url"), "proxy(url)", List.of());
			return this;
		}

		/**
		 * Sets whether the proxy comes from the standard environment variables, as aiohttp's {@code trust_env}:
		 * {@code HTTP_PROXY} for http URLs, {@code HTTPS_PROXY} for https ones (each also in lower case, which wins),
		 * and {@code NO_PROXY}, a comma-separated list of hosts and domains ({@code example.com} or
		 * {@code .example.com} also covers its subdomains; {@code *} covers all) that connect directly. Read once,
		 * by {@link #build()}. Off by default, so that a session's route never changes with its environment unless
		 * asked.
		 *
		 * @param trust whether to read the environment (default {@code false})
		 * @return this builder
		 */
		public Builder trustEnv(boolean trust) {
			this.trustEnv = trust;
			return this;
		}

		/** The environment {@link #trustEnv(boolean)} reads, for tests. */
		Builder environment(Map<String, String> env) {
			this.environment = Map.copyOf(env);
			return this;
		}

		/**
		 * Builds the session. With TLS options, their context is built here, so that material the TLS stack
		 * refuses (an unsupported key) fails now; a key that does not match its certificate fails at the handshake.
		 *
		 * @return a new session with these settings
		 * @throws IllegalStateException if {@link #insecureTrustAllCertificates()} and trusted certificates were
		 *         both given
		 * @throws IllegalArgumentException if the client key or certificates are refused by the TLS stack
		 */
		public ClientSession build() {
			return new ClientSession(this);
		}
	}
}
