import { demoCases, demoOrganisations, kees, marco, petra, sanne } from '../data';
import type { DemoLabCommand, DemoStep, DemoStory } from '../story';

const [gemeente, , schuldhulp, woonstichting] = demoOrganisations.map((o) => o.id);

/** A Change Lab command by `by` at `time` on `day`. */
const lab = (
	day: number,
	time: DemoStep['time'],
	by: string,
	session: string,
	command: DemoLabCommand
): DemoStep => ({ day, time, by, lab: { session, ...command } });

const first = 'eerste';
const second = 'tweede';
const third = 'derde';

/**
 * Gezin D-05: rent arrears, an eviction date, and €500 that prevents a much larger cost. Two
 * Change Lab sessions two weeks apart (the doorbraak is agreed in the second), and a third
 * planned for today that Marco Facilitator can start.
 */
export const debtsStory: DemoStory = {
	caseId: demoCases[4].id,
	steps: [
		lab(33, '16:00', marco, first, {
			plan: {
				title: 'Eerste Change Lab: ontruiming dreigt',
				goal: 'Samen zien waarom de huurachterstand blijft groeien en wat de ontruiming tegenhoudt.',
				scribe: sanne,
				at: { day: 31, time: '10:00' }
			}
		}),
		{
			day: 31,
			time: '08:50',
			by: petra,
			edit: {
				appendNarrative: [
					'## Situatie',
					'Vader zorgt alleen voor drie kinderen (4, 9 en 12). Na zijn scheiding liep een huurachterstand op tot € 4.200. De woonstichting heeft een vonnis; de ontruiming staat gepland over drie weken.',
					'De totale schuld is ongeveer € 23.000 bij elf schuldeisers, waaronder een terugvordering van toeslagen en twee incassobureaus. Vader werkt in de nachtploeg bij een distributiecentrum en opent zijn post niet meer.',
					'Bij een ontruiming komt het gezin in de maatschappelijke opvang en dreigen de kinderen tijdelijk uit huis te worden geplaatst: een kostenpost die de gemeente op **ruim € 60.000** schat.'
				]
			}
		},
		{
			day: 31,
			time: '09:10',
			by: petra,
			edit: {
				scores: {
					financien: [
						1,
						'Huurachterstand € 4.200, totale schuld ca. € 23.000, ontruiming gepland.'
					],
					werk_opleiding: [4, 'Vaste baan in de nachtploeg.'],
					tijdsbesteding: [3, 'Werk en zorg; weinig rust.'],
					huisvesting: [1, 'Ontruimingsvonnis, datum over drie weken.'],
					huiselijke_relaties: [3, 'Betrokken vader; contact met moeder beperkt.'],
					geestelijke_gezondheid: [2, 'Vader slaapt slecht, vermijdt post en telefoon.'],
					lichamelijke_gezondheid: [4, 'Geen bijzonderheden.'],
					middelengebruik: [4, 'Af en toe alcohol om te slapen; geen probleem volgens huisarts.'],
					basale_adl: [5, 'Zelfstandig.'],
					instrumentele_adl: [2, 'Administratie ligt al maanden stil.'],
					sociaal_netwerk: [2, 'Schaamte; vertelt niemand over de schulden.'],
					maatschappelijke_participatie: [3, 'Kinderen sporten; vader niet.'],
					justitie: [3, 'Vonnis kantonrechter over de huurachterstand.']
				}
			}
		},
		lab(31, '09:55', marco, first, { presence: 'present' }),
		lab(31, '09:56', petra, first, { presence: 'present' }),
		lab(31, '09:58', sanne, first, { presence: 'present' }),
		lab(31, '09:59', kees, first, { presence: 'present' }),
		lab(31, '10:00', marco, first, { start: true }),
		lab(31, '10:01', marco, first, { timer: 'start' }),
		lab(31, '10:08', sanne, first, {
			observe: {
				ref: 'post',
				kind: 'belemmering',
				text: 'Vader opent zijn post niet meer; de aanmaningen van elf schuldeisers stapelen zich op zonder dat iemand het ziet.',
				category: 'Tijd en werkdruk',
				organisation: schuldhulp
			}
		}),
		lab(31, '10:22', marco, first, { next: true }),
		lab(31, '10:23', marco, first, { timer: 'start' }),
		lab(31, '10:25', kees, first, { raiseHand: true }),
		lab(31, '10:26', petra, first, { raiseHand: true }),
		lab(31, '10:27', marco, first, { takeHand: true }),
		lab(31, '10:30', kees, first, {
			propose: {
				ref: 'deurwaarder',
				kind: 'belemmering',
				text: 'De woonstichting schort de ontruiming alleen op als eerst € 500 deurwaarderskosten zijn betaald; daar is geen budget voor.',
				category: 'Geen budget om snel te handelen',
				organisation: woonstichting
			}
		}),
		lab(31, '10:34', marco, first, {
			resolve: { proposal: 'deurwaarder', as: 'accept', note: 'Komt terug bij de doorbraak.' }
		}),
		lab(31, '10:38', sanne, first, {
			observe: {
				ref: 'regie',
				kind: 'belemmering',
				text: 'Niemand neemt regie: schuldhulp, woonstichting en gemeente doen elk hun deel, niemand overziet het geheel.',
				category: 'Niemand neemt de regie'
			}
		}),
		lab(31, '10:41', petra, first, {
			propose: {
				ref: 'regie-petra',
				kind: 'belemmering',
				text: 'Elk loket kijkt alleen naar zijn eigen schuld.',
				category: 'Niemand neemt de regie'
			}
		}),
		lab(31, '10:44', marco, first, {
			resolve: { proposal: 'regie-petra', as: { merge: 'regie' } }
		}),
		lab(31, '10:52', marco, first, { next: true }),
		{
			day: 31,
			time: '11:00',
			by: kees,
			edit: {
				addPlanItems: [
					{
						id: 'd05-arrangement',
						action: 'Betalingsregeling huurachterstand: € 150 per maand, ontruiming opschorten',
						organisation: 'Woonstichting Polder (fictief)',
						person: 'Kees Woonconsulent',
						costEstimate: null,
						legalBasis: 'Afspraak woonstichting; convenant vroegsignalering',
						dueInDays: -14,
						status: 'ingediend'
					},
					{
						id: 'd05-special-assistance',
						action: 'Bijzondere bijstand voor de huurachterstand',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 4200,
						legalBasis: 'Participatiewet (bijzondere bijstand)',
						dueInDays: -16,
						status: 'ingediend'
					}
				]
			}
		},
		lab(31, '11:05', sanne, first, {
			observe: {
				ref: 'regeling',
				kind: 'kans',
				text: 'De woonstichting wil meedenken over een betalingsregeling van € 150 per maand.',
				category: 'Passend aanbod gevonden of gemaakt',
				planItem: 'd05-arrangement',
				organisation: woonstichting
			}
		}),
		lab(31, '11:10', marco, first, {
			place: { observation: 'post', cell: { row: 'mirror', column: 'present' } }
		}),
		lab(31, '11:11', marco, first, {
			place: { observation: 'deurwaarder', cell: { row: 'mirror', column: 'present' } }
		}),
		lab(31, '11:12', marco, first, {
			place: { observation: 'regeling', cell: { row: 'ideas', column: 'future' } }
		}),
		lab(31, '11:20', marco, first, { next: true }),
		lab(31, '11:35', kees, first, { presence: 'left' }),
		lab(31, '11:40', marco, first, { next: true }),
		lab(31, '11:50', marco, first, { end: true }),
		{ day: 31, time: '11:55', by: petra, saveVersion: 'Eerste overleg: ontruiming dreigt' },
		lab(24, '09:30', marco, second, {
			plan: {
				title: 'Tweede Change Lab: wie betaalt de € 500?',
				goal: 'Een besluit over de deurwaarderskosten vóór de ontruimingsdatum.',
				scribe: sanne,
				at: { day: 17, time: '13:30' }
			}
		}),
		lab(17, '13:24', marco, second, { presence: 'present' }),
		lab(17, '13:26', petra, second, { presence: 'present' }),
		lab(17, '13:28', kees, second, { presence: 'present' }),
		lab(17, '13:29', sanne, second, { presence: 'present' }),
		lab(17, '13:30', marco, second, { start: true }),
		lab(17, '13:31', marco, second, { timer: 'start' }),
		lab(17, '13:36', sanne, second, {
			observe: {
				ref: 'gronden',
				kind: 'belemmering',
				text: 'Bijzondere bijstand afgewezen omdat schulden niet onder de bijstand vallen; na herindiening afgewezen op het inkomen, een grond die er al die tijd was.',
				category: 'Afgewezen op één grond tegelijk',
				planItem: 'd05-special-assistance',
				organisation: gemeente
			}
		}),
		lab(17, '13:48', marco, second, { next: true }),
		lab(17, '13:50', petra, second, {
			propose: {
				ref: 'wie-betaalt',
				kind: 'belemmering',
				text: 'Wie betaalt de deurwaarderskosten: gemeente of woonstichting? Iedereen wijst naar de ander.',
				category: 'Onduidelijk wie betaalt'
			}
		}),
		lab(17, '13:52', kees, second, {
			propose: {
				ref: 'eerst-opschorten',
				kind: 'kans',
				text: 'Ontruiming eerst opschorten en pas daarna over de kosten praten.',
				category: 'Maatwerk boven de standaardoplossing',
				organisation: woonstichting
			}
		}),
		lab(17, '13:55', marco, second, {
			resolve: { proposal: 'wie-betaalt', as: 'accept' }
		}),
		lab(17, '13:57', marco, second, {
			resolve: {
				proposal: 'eerst-opschorten',
				as: 'decline',
				note: 'De woonstichting kan dat niet toezeggen zolang de kosten openstaan.'
			}
		}),
		lab(17, '13:59', marco, second, { next: true }),
		{
			day: 17,
			time: '14:00',
			by: marco,
			edit: {
				appendNarrative: [
					'## Tweede Change Lab-sessie',
					'De bijzondere bijstand is afgewezen: schulden komen niet voor bijstand in aanmerking. De woonstichting wil de ontruiming alleen opschorten als de **deurwaarderskosten van € 500** eerst worden betaald. Niemand heeft daar budget voor.',
					'Besluit in de sessie: de regisseur zet het maatwerkbudget in. € 500 nu voorkomt een ontruiming en een uithuisplaatsing.'
				]
			}
		},
		{
			day: 17,
			time: '14:15',
			by: petra,
			edit: {
				breakthrough:
					'De ontruiming gaat niet door: de huur wordt rechtstreeks betaald en binnen drie maanden zitten alle schulden in een schuldregeling.',
				agreedInDays: -17
			}
		},
		{
			day: 17,
			time: '14:20',
			by: sanne,
			edit: {
				updatePlanItem: {
					id: 'd05-special-assistance',
					status: 'afgewezen',
					action:
						'Bijzondere bijstand voor de huurachterstand (afgewezen: schulden komen niet voor bijstand in aanmerking)'
				}
			}
		},
		{
			day: 17,
			time: '14:25',
			by: sanne,
			edit: {
				addPlanItems: [
					{
						id: 'd05-budget',
						action:
							'Deurwaarderskosten betalen uit het maatwerkbudget, zodat de ontruiming wordt opgeschort',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 500,
						legalBasis: 'Maatwerkbudget (Wmo 2015 / Participatiewet)',
						dueInDays: -15,
						status: 'uitgevoerd'
					},
					{
						id: 'd05-stabilise',
						action: 'Stabilisatie: budgetbeheer en huur rechtstreeks laten inhouden',
						organisation: 'Schuldhulp Demostad (fictief)',
						person: 'Petra Schuldhulp',
						costEstimate: 900,
						legalBasis: 'Wet gemeentelijke schuldhulpverlening',
						dueInDays: 5,
						status: 'goedgekeurd'
					},
					{
						id: 'd05-settlement',
						action: 'Minnelijke schuldregeling met alle elf schuldeisers',
						organisation: 'Schuldhulp Demostad (fictief)',
						person: 'Petra Schuldhulp',
						costEstimate: null,
						legalBasis: 'Wet gemeentelijke schuldhulpverlening',
						dueInDays: 90,
						status: 'concept'
					}
				]
			}
		},
		lab(17, '14:30', sanne, second, {
			observe: {
				ref: 'maatwerkbudget',
				kind: 'kans',
				text: 'Maatwerkbudget van € 500 voorkomt € 60.000 aan opvang en uithuisplaatsing.',
				category: 'Maatwerkbudget',
				planItem: 'd05-budget',
				organisation: gemeente
			}
		}),
		lab(17, '14:33', petra, second, { raiseHand: true }),
		lab(17, '14:34', marco, second, { takeHand: true }),
		lab(17, '14:36', sanne, second, {
			observe: {
				ref: 'maatwerkloket',
				kind: 'kans',
				text: 'Landelijk Maatwerkloket inschakelen als schuldeisers niet meewerken aan de schuldregeling.',
				category: 'Escalatie naar het Landelijk Maatwerkloket',
				planItem: 'd05-settlement'
			}
		}),
		{
			day: 17,
			time: '14:40',
			by: kees,
			edit: { updatePlanItem: { id: 'd05-arrangement', status: 'goedgekeurd' } }
		},
		lab(17, '14:42', marco, second, { next: true }),
		lab(17, '14:44', marco, second, {
			place: { observation: 'gronden', cell: { row: 'mirror', column: 'past' } }
		}),
		lab(17, '14:45', marco, second, {
			place: { observation: 'wie-betaalt', cell: { row: 'mirror', column: 'present' } }
		}),
		lab(17, '14:46', marco, second, {
			place: { observation: 'maatwerkbudget', cell: { row: 'model', column: 'future' } }
		}),
		lab(17, '14:47', marco, second, {
			place: { observation: 'maatwerkloket', cell: { row: 'ideas', column: 'future' } }
		}),
		lab(17, '14:52', marco, second, { next: true }),
		lab(17, '15:00', marco, second, { end: true }),
		{ day: 17, time: '15:05', by: marco, saveVersion: 'Na Change Lab-sessie: maatwerkbudget' },
		{
			day: 4,
			time: '10:30',
			by: petra,
			edit: {
				scores: {
					financien: [
						2,
						'Budgetbeheer loopt; huur wordt ingehouden. Schuldregeling in voorbereiding.'
					],
					huisvesting: [3, 'Ontruiming opgeschort zolang de regeling loopt.'],
					geestelijke_gezondheid: [3, 'Vader slaapt beter sinds de ontruiming van tafel is.']
				}
			}
		},
		{
			day: 4,
			time: '10:40',
			by: petra,
			edit: {
				appendNarrative: [
					'Update: de ontruiming is opgeschort. Vader opent zijn post weer samen met de budgetcoach. Alle schuldeisers zijn aangeschreven voor de schuldregeling.'
				]
			}
		},
		lab(4, '10:45', marco, third, {
			plan: {
				title: 'Derde Change Lab: voortgang schuldregeling',
				goal: 'Terugkijken op de stabilisatie en afspreken wat de schuldregeling nog nodig heeft.',
				scribe: sanne,
				at: 'today'
			}
		})
	]
};
