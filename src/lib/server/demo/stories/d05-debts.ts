import { demoCases, kees, marco, petra, sanne } from '../data';
import type { DemoStory } from '../story';

/** Gezin D-05: rent arrears, an eviction date, and €500 that prevents a much larger cost. */
export const debtsStory: DemoStory = {
	caseId: demoCases[4].id,
	steps: [
		{
			day: 24,
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
			day: 24,
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
		{
			day: 23,
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
		{ day: 23, time: '11:30', by: petra, saveVersion: 'Eerste overleg: ontruiming dreigt' },
		{
			day: 17,
			time: '14:00',
			by: marco,
			edit: {
				appendNarrative: [
					'## Change Lab-sessie',
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
		{
			day: 17,
			time: '14:40',
			by: kees,
			edit: { updatePlanItem: { id: 'd05-arrangement', status: 'goedgekeurd' } }
		},
		{ day: 17, time: '15:00', by: marco, saveVersion: 'Na Change Lab-sessie: maatwerkbudget' },
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
		}
	]
};
