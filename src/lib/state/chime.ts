/**
 * A short two-tone chime through the Web Audio API, for the end of a step's time. Browsers only
 * allow sound after a user gesture: the toggle that turns it on is one, so create the context there.
 */
export function createChime(): { play(): void; close(): void } | null {
	const AudioContextClass = globalThis.AudioContext;
	if (!AudioContextClass) return null;
	const context = new AudioContextClass();
	return {
		play() {
			const start = context.currentTime;
			[880, 660].forEach((frequency, index) => {
				const oscillator = context.createOscillator();
				const gain = context.createGain();
				oscillator.frequency.value = frequency;
				gain.gain.setValueAtTime(0.2, start + index * 0.35);
				gain.gain.exponentialRampToValueAtTime(0.001, start + index * 0.35 + 0.3);
				oscillator.connect(gain).connect(context.destination);
				oscillator.start(start + index * 0.35);
				oscillator.stop(start + index * 0.35 + 0.32);
			});
		},
		close: () => void context.close()
	};
}
