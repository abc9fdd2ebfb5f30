package io.github.reactorasyncio.internal;

/**
 * Room on a coroutine's stack for the loop's hand-off, made sure of before a task commits to suspending.
 *
 * <p>A task suspends on its own thread: an await sets up its wait (subscribes to a {@code Mono}, adds a callback to
 * a future, a timer to the loop), {@link TaskImpl#await} turns its awaiter to SUSPENDED, then the loop's hand-off
 * ({@code EventLoopImpl.handOff}: end the step, take the next ready item, give the baton to its thread), then the
 * park, run under the coroutine's frames. A {@link StackOverflowError} in the middle of that sequence would leave the loop half
 * handed over (two threads driving it, a task resumed twice, its body run again), or worse, a structure shared by
 * the whole JVM half updated: an overflow inside the JDK's {@code ScheduledThreadPoolExecutor} queue, reached by
 * subscribing to {@code Mono.delay}, left one of Reactor's parallel workers asleep for good with overdue tasks queued.
 * So before the first of these steps, {@link #check} calls down deeper than they go: if the stack lacks the room, the
 * overflow is thrown there, where nothing has changed yet, and the task fails with it. If not, what follows cannot
 * overflow: a Java call overflows only when the stack left below it is shorter than the JVM's shadow zone, and the
 * probe's deepest frame has passed that check lower down than the rest reaches. What runs under a suspending task is
 * bounded for that reason: other work's callbacks run on another worker (see {@code EventLoopImpl.handOff}). The
 * loop's calls that add to its ready queue or timers from a task ({@code createTask}, {@code callSoon},
 * {@code callAt}) check first too, for the few frames they need ({@link #checkShallow}), or for a hand-off when
 * {@code createTask} starts the task eagerly.
 *
 * <p>The probe runs on every suspend, so it must cost little, and reserve as much whatever the JIT does. Each
 * level's frame is large without being written: the method has 240 locals (an interpreted frame holds them all) and
 * a call with 240 arguments (a compiled frame reserves their outgoing area; measured on JDK 25, x86-64: 3.8 KiB per
 * compiled frame), both in a branch that runs once every {@value #RARE_MASK} + 1 probes, often enough that the JIT's
 * profile keeps the call instead of pruning it. The method is too big to inline, so {@value #LEVELS} levels below the
 * first are as many more real frames: nine frames, about 34 KiB. What the reserve must cover, measured with
 * StackDepthTest's awaits near the end of the stack (a hand-off, a {@code Mono.delay} subscription): one such frame
 * was too little (the test hung), two were enough; nine leave room for cold, interpreted code and longer operator
 * chains. Each frame costs about a call and a stack bang (~6 ns measured, ~52 ns a probe; sixteen levels took
 * ~95 ns), which is why the frames are few and big rather than many and small.
 */
final class StackReserve {

	static final int LEVELS = 8;
	static final int RARE_MASK = 255;

	private StackReserve() {
	}

	/**
	 * Throws {@link StackOverflowError}, having changed nothing, if the calling thread lacks the stack the loop's
	 * hand-off may need below the caller's frame. Called holding the loop's baton.
	 *
	 * @param loop the loop (its counter picks the probes that take the rare branch)
	 */
	static void check(EventLoopImpl loop) {
		level(LEVELS, (++loop.probes & RARE_MASK) == 0);
	}

	/**
	 * As {@link #check}, for code of a few frames only (adding to the loop's ready queue or timer heap, which may
	 * grow or sift): one level, about 4 KiB, at about a seventh of the cost.
	 *
	 * @param loop the loop (its counter picks the probes that take the rare branch)
	 */
	static void checkShallow(EventLoopImpl loop) {
		level(0, (++loop.probes & RARE_MASK) == 0);
	}

	private static int level(int n, boolean rare) {
		if (rare) {
			int a0 = n, a1 = n, a2 = n, a3 = n, a4 = n, a5 = n, a6 = n, a7 = n, a8 = n, a9 = n,
				a10 = n, a11 = n, a12 = n, a13 = n, a14 = n, a15 = n, a16 = n, a17 = n, a18 = n, a19 = n,
				a20 = n, a21 = n, a22 = n, a23 = n, a24 = n, a25 = n, a26 = n, a27 = n, a28 = n, a29 = n,
				a30 = n, a31 = n, a32 = n, a33 = n, a34 = n, a35 = n, a36 = n, a37 = n, a38 = n, a39 = n,
				a40 = n, a41 = n, a42 = n, a43 = n, a44 = n, a45 = n, a46 = n, a47 = n, a48 = n, a49 = n,
				a50 = n, a51 = n, a52 = n, a53 = n, a54 = n, a55 = n, a56 = n, a57 = n, a58 = n, a59 = n,
				a60 = n, a61 = n, a62 = n, a63 = n, a64 = n, a65 = n, a66 = n, a67 = n, a68 = n, a69 = n,
				a70 = n, a71 = n, a72 = n, a73 = n, a74 = n, a75 = n, a76 = n, a77 = n, a78 = n, a79 = n,
				a80 = n, a81 = n, a82 = n, a83 = n, a84 = n, a85 = n, a86 = n, a87 = n, a88 = n, a89 = n,
				a90 = n, a91 = n, a92 = n, a93 = n, a94 = n, a95 = n, a96 = n, a97 = n, a98 = n, a99 = n,
				a100 = n, a101 = n, a102 = n, a103 = n, a104 = n, a105 = n, a106 = n, a107 = n, a108 = n, a109 = n,
				a110 = n, a111 = n, a112 = n, a113 = n, a114 = n, a115 = n, a116 = n, a117 = n, a118 = n, a119 = n,
				a120 = n, a121 = n, a122 = n, a123 = n, a124 = n, a125 = n, a126 = n, a127 = n, a128 = n, a129 = n,
				a130 = n, a131 = n, a132 = n, a133 = n, a134 = n, a135 = n, a136 = n, a137 = n, a138 = n, a139 = n,
				a140 = n, a141 = n, a142 = n, a143 = n, a144 = n, a145 = n, a146 = n, a147 = n, a148 = n, a149 = n,
				a150 = n, a151 = n, a152 = n, a153 = n, a154 = n, a155 = n, a156 = n, a157 = n, a158 = n, a159 = n,
				a160 = n, a161 = n, a162 = n, a163 = n, a164 = n, a165 = n, a166 = n, a167 = n, a168 = n, a169 = n,
				a170 = n, a171 = n, a172 = n, a173 = n, a174 = n, a175 = n, a176 = n, a177 = n, a178 = n, a179 = n,
				a180 = n, a181 = n, a182 = n, a183 = n, a184 = n, a185 = n, a186 = n, a187 = n, a188 = n, a189 = n,
				a190 = n, a191 = n, a192 = n, a193 = n, a194 = n, a195 = n, a196 = n, a197 = n, a198 = n, a199 = n,
				a200 = n, a201 = n, a202 = n, a203 = n, a204 = n, a205 = n, a206 = n, a207 = n, a208 = n, a209 = n,
				a210 = n, a211 = n, a212 = n, a213 = n, a214 = n, a215 = n, a216 = n, a217 = n, a218 = n, a219 = n,
				a220 = n, a221 = n, a222 = n, a223 = n, a224 = n, a225 = n, a226 = n, a227 = n, a228 = n, a229 = n,
				a230 = n, a231 = n, a232 = n, a233 = n, a234 = n, a235 = n, a236 = n, a237 = n, a238 = n, a239 = n;
			n += sink(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
					a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31,
					a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, a44, a45, a46, a47,
					a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63,
					a64, a65, a66, a67, a68, a69, a70, a71, a72, a73, a74, a75, a76, a77, a78, a79,
					a80, a81, a82, a83, a84, a85, a86, a87, a88, a89, a90, a91, a92, a93, a94, a95,
					a96, a97, a98, a99, a100, a101, a102, a103, a104, a105, a106, a107, a108, a109, a110, a111,
					a112, a113, a114, a115, a116, a117, a118, a119, a120, a121, a122, a123, a124, a125, a126, a127,
					a128, a129, a130, a131, a132, a133, a134, a135, a136, a137, a138, a139, a140, a141, a142, a143,
					a144, a145, a146, a147, a148, a149, a150, a151, a152, a153, a154, a155, a156, a157, a158, a159,
					a160, a161, a162, a163, a164, a165, a166, a167, a168, a169, a170, a171, a172, a173, a174, a175,
					a176, a177, a178, a179, a180, a181, a182, a183, a184, a185, a186, a187, a188, a189, a190, a191,
					a192, a193, a194, a195, a196, a197, a198, a199, a200, a201, a202, a203, a204, a205, a206, a207,
					a208, a209, a210, a211, a212, a213, a214, a215, a216, a217, a218, a219, a220, a221, a222, a223,
					a224, a225, a226, a227, a228, a229, a230, a231, a232, a233, a234, a235, a236, a237, a238, a239);
		}
		return n <= 0 ? 0 : level(n - 1, rare) + 1;
	}

	// big enough (a sum of every argument) that the JIT never inlines the call away
	private static int sink(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9,
			int a10, int a11, int a12, int a13, int a14, int a15, int a16, int a17, int a18, int a19,
			int a20, int a21, int a22, int a23, int a24, int a25, int a26, int a27, int a28, int a29,
			int a30, int a31, int a32, int a33, int a34, int a35, int a36, int a37, int a38, int a39,
			int a40, int a41, int a42, int a43, int a44, int a45, int a46, int a47, int a48, int a49,
			int a50, int a51, int a52, int a53, int a54, int a55, int a56, int a57, int a58, int a59,
			int a60, int a61, int a62, int a63, int a64, int a65, int a66, int a67, int a68, int a69,
			int a70, int a71, int a72, int a73, int a74, int a75, int a76, int a77, int a78, int a79,
			int a80, int a81, int a82, int a83, int a84, int a85, int a86, int a87, int a88, int a89,
			int a90, int a91, int a92, int a93, int a94, int a95, int a96, int a97, int a98, int a99,
			int a100, int a101, int a102, int a103, int a104, int a105, int a106, int a107, int a108, int a109,
			int a110, int a111, int a112, int a113, int a114, int a115, int a116, int a117, int a118, int a119,
			int a120, int a121, int a122, int a123, int a124, int a125, int a126, int a127, int a128, int a129,
			int a130, int a131, int a132, int a133, int a134, int a135, int a136, int a137, int a138, int a139,
			int a140, int a141, int a142, int a143, int a144, int a145, int a146, int a147, int a148, int a149,
			int a150, int a151, int a152, int a153, int a154, int a155, int a156, int a157, int a158, int a159,
			int a160, int a161, int a162, int a163, int a164, int a165, int a166, int a167, int a168, int a169,
			int a170, int a171, int a172, int a173, int a174, int a175, int a176, int a177, int a178, int a179,
			int a180, int a181, int a182, int a183, int a184, int a185, int a186, int a187, int a188, int a189,
			int a190, int a191, int a192, int a193, int a194, int a195, int a196, int a197, int a198, int a199,
			int a200, int a201, int a202, int a203, int a204, int a205, int a206, int a207, int a208, int a209,
			int a210, int a211, int a212, int a213, int a214, int a215, int a216, int a217, int a218, int a219,
			int a220, int a221, int a222, int a223, int a224, int a225, int a226, int a227, int a228, int a229,
			int a230, int a231, int a232, int a233, int a234, int a235, int a236, int a237, int a238, int a239) {
		return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15
				+ a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23 + a24 + a25 + a26 + a27 + a28 + a29 + a30 + a31
				+ a32 + a33 + a34 + a35 + a36 + a37 + a38 + a39 + a40 + a41 + a42 + a43 + a44 + a45 + a46 + a47
				+ a48 + a49 + a50 + a51 + a52 + a53 + a54 + a55 + a56 + a57 + a58 + a59 + a60 + a61 + a62 + a63
				+ a64 + a65 + a66 + a67 + a68 + a69 + a70 + a71 + a72 + a73 + a74 + a75 + a76 + a77 + a78 + a79
				+ a80 + a81 + a82 + a83 + a84 + a85 + a86 + a87 + a88 + a89 + a90 + a91 + a92 + a93 + a94 + a95
				+ a96 + a97 + a98 + a99 + a100 + a101 + a102 + a103 + a104 + a105 + a106 + a107 + a108 + a109 + a110 + a111
				+ a112 + a113 + a114 + a115 + a116 + a117 + a118 + a119 + a120 + a121 + a122 + a123 + a124 + a125 + a126 + a127
				+ a128 + a129 + a130 + a131 + a132 + a133 + a134 + a135 + a136 + a137 + a138 + a139 + a140 + a141 + a142 + a143
				+ a144 + a145 + a146 + a147 + a148 + a149 + a150 + a151 + a152 + a153 + a154 + a155 + a156 + a157 + a158 + a159
				+ a160 + a161 + a162 + a163 + a164 + a165 + a166 + a167 + a168 + a169 + a170 + a171 + a172 + a173 + a174 + a175
				+ a176 + a177 + a178 + a179 + a180 + a181 + a182 + a183 + a184 + a185 + a186 + a187 + a188 + a189 + a190 + a191
				+ a192 + a193 + a194 + a195 + a196 + a197 + a198 + a199 + a200 + a201 + a202 + a203 + a204 + a205 + a206 + a207
				+ a208 + a209 + a210 + a211 + a212 + a213 + a214 + a215 + a216 + a217 + a218 + a219 + a220 + a221 + a222 + a223
				+ a224 + a225 + a226 + a227 + a228 + a229 + a230 + a231 + a232 + a233 + a234 + a235 + a236 + a237 + a238 + a239) & 0;
	}
}
