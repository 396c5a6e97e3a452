import { describe, expect, it } from 'vitest';
import { addMember, createCase, removeMember } from '$lib/server/cases';
import type { Actor } from '$lib/server/context';
import { presencePalette } from '$lib/protocol/presence';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';
import { useRealtimeServer, waitFor, waitForSync, type Client } from '../../helpers/realtime';

const family = { code: 'Gezin K-17', title: 'Schulden', municipality: 'Lelystad', composition: '' };

describe.each(drivers)('presence colours on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	/** Each person's colour as the server wrote it into the presence the others receive. */
	async function coloursSeen(clients: Client[], people: Actor[]): Promise<Record<string, string>> {
		await Promise.all(clients.map(waitForSync));
		clients.forEach((client) => client.provider.awareness.setLocalStateField('cursor', null));
		const seen = () => {
			const colours: Record<string, string> = {};
			for (const client of clients) {
				for (const [clientId, state] of client.provider.awareness.getStates()) {
					if (clientId === client.doc.clientID) continue; // its own state, as it set it
					const user = state.user as { name: string; color: string } | undefined;
					if (user) colours[user.name] = user.color;
				}
			}
			return colours;
		};
		await waitFor(() => Object.keys(seen()).length === people.length, 5000, 'everyone present');
		return seen();
	}

	it('gives three members of a case three different colours, the same each time', async () => {
		await realtime.start();
		const anna = await insertActor(t.ctx(), { name: 'Anna', organisation: 'Gemeente' });
		const bram = await insertActor(t.ctx(), { name: 'Bram', organisation: 'Jeugdhulp' });
		const cor = await insertActor(t.ctx(), { name: 'Cor', organisation: 'Woonstad' });
		const { id } = await createCase(t.ctx(anna), { ...family });
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'participant' });
		await addMember(t.ctx(anna), id, { userId: cor.id, role: 'observer' });
		const people = [anna, bram, cor];

		const first = await coloursSeen(
			await Promise.all(people.map((person) => realtime.connect(id, person))),
			people
		);
		expect(first).toEqual({
			Anna: presencePalette[0],
			Bram: presencePalette[1],
			Cor: presencePalette[2]
		});

		realtime.clients.splice(0).forEach((client) => client.destroy());
		const again = await coloursSeen(
			await Promise.all([cor, anna, bram].map((person) => realtime.connect(id, person))),
			people
		);
		expect(again).toEqual(first);
	});

	it('keeps colours when someone leaves, and gives the freed colour to the next to join', async () => {
		await realtime.start();
		const anna = await insertActor(t.ctx(), { name: 'Anna', organisation: 'Gemeente' });
		const bram = await insertActor(t.ctx(), { name: 'Bram', organisation: 'Jeugdhulp' });
		const cor = await insertActor(t.ctx(), { name: 'Cor', organisation: 'Woonstad' });
		const dirk = await insertActor(t.ctx(), { name: 'Dirk', organisation: 'Schuldhulp' });
		const { id } = await createCase(t.ctx(anna), { ...family });
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'participant' });
		await addMember(t.ctx(anna), id, { userId: cor.id, role: 'participant' });
		await removeMember(t.ctx(anna), id, bram.id);
		await addMember(t.ctx(anna), id, { userId: dirk.id, role: 'participant' });

		const people = [anna, cor, dirk];
		const colours = await coloursSeen(
			await Promise.all(people.map((person) => realtime.connect(id, person))),
			people
		);
		expect(colours).toEqual({
			Anna: presencePalette[0],
			Cor: presencePalette[2],
			Dirk: presencePalette[1]
		});
	});
});
