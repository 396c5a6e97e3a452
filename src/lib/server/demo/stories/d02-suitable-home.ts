import { demoCases, kees, sanne, youssef } from '../data';
import type { DemoStory } from '../story';

/** Gezin D-02: seven people in three rooms, and an urgency request refused one ground at a time. */
export const suitableHomeStory: DemoStory = {
	caseId: demoCases[1].id,
	steps: [
		{
			day: 41,
			time: '13:10',
			by: sanne,
			edit: {
				appendNarrative: [
					'## Situatie',
					'Twee ouders en vijf kinderen (2 tot 16 jaar) wonen in een driekamerflat van 68 m² op de vierde verdieping. De oudste zoon (16) slaapt doordeweeks bij vrienden omdat er geen plek is; hij verzuimt steeds vaker.',
					'De middelste dochter (9) heeft gedragsproblemen en krijgt jeugdhulp. De jeugdhulp ziet de krappe woning als de belangrijkste oorzaak van de spanning thuis: er is geen plek om huiswerk te maken of tot rust te komen.',
					'De wachttijd voor een eengezinswoning met vijf slaapkamers is in Demostad ruim acht jaar.'
				]
			}
		},
		{
			day: 41,
			time: '13:30',
			by: sanne,
			edit: {
				scores: {
					financien: [3, 'Vader werkt fulltime; rond te komen, geen schulden.'],
					werk_opleiding: [3, 'Oudste zoon verzuimt; andere kinderen gaan naar school.'],
					tijdsbesteding: [3, 'Kinderen spelen vooral buiten: binnen is geen ruimte.'],
					huisvesting: [1, 'Zeven personen in drie kamers; ernstige overbewoning.'],
					huiselijke_relaties: [2, 'Veel ruzie, ouders onder druk.'],
					geestelijke_gezondheid: [3, 'Moeder slaapt slecht; dochter in behandeling.'],
					lichamelijke_gezondheid: [4, 'Geen bijzonderheden.'],
					middelengebruik: [5, 'Geen zorgen.'],
					basale_adl: [5, 'Zelfstandig.'],
					instrumentele_adl: [4, 'Ouders regelen hun zaken goed.'],
					sociaal_netwerk: [3, 'Familie in de buurt, maar die heeft geen ruimte.'],
					maatschappelijke_participatie: [3, 'Vader actief bij de voetbalclub.'],
					justitie: [5, 'Geen contact met justitie.']
				}
			}
		},
		{
			day: 40,
			time: '11:00',
			by: kees,
			edit: {
				addPlanItems: [
					{
						id: 'd02-urgency',
						action: 'Urgentieverklaring aanvragen wegens overbewoning',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: null,
						legalBasis: 'Huisvestingswet 2014; huisvestingsverordening (urgentieregeling)',
						dueInDays: -30,
						status: 'ingediend'
					},
					{
						id: 'd02-coach',
						action: 'Gezinscoach thuis, twee keer per week, gericht op rust en structuur',
						organisation: 'Jeugdhulp Noord (fictief)',
						person: 'Youssef Jeugdhulp',
						costEstimate: 4800,
						legalBasis: 'Jeugdwet',
						dueInDays: -25,
						status: 'goedgekeurd'
					}
				]
			}
		},
		{ day: 40, time: '11:45', by: sanne, saveVersion: 'Eerste plan' },
		{
			day: 22,
			time: '09:30',
			by: sanne,
			edit: {
				appendNarrative: [
					'## Afwijzing urgentie',
					'De urgentiecommissie wees de aanvraag af: overbewoning is geen grond voor urgentie. Na een nieuwe aanvraag met een verklaring van de jeugdhulp volgde een tweede afwijzing, nu omdat er **geen medische indicatie** is. Beide gronden golden al bij de eerste aanvraag.',
					'Afgesproken: niet opnieuw een standaardaanvraag, maar Woonstichting Polder zoekt via directe bemiddeling (maatwerk) een woning, met de gemeente als garant voor het overleg.'
				]
			}
		},
		{
			day: 22,
			time: '09:40',
			by: sanne,
			edit: {
				updatePlanItem: {
					id: 'd02-urgency',
					status: 'afgewezen',
					action:
						'Urgentieverklaring aanvragen wegens overbewoning (twee keer afgewezen, telkens op een andere grond)'
				}
			}
		},
		{
			day: 22,
			time: '09:50',
			by: kees,
			edit: {
				breakthrough:
					'Het gezin woont binnen drie maanden in een eengezinswoning met vijf slaapkamers; tot die tijd krijgt de oudste zoon een kamer in de buurt, zodat hij thuis kan blijven horen.',
				agreedInDays: -22
			}
		},
		{
			day: 22,
			time: '10:05',
			by: kees,
			edit: {
				addPlanItems: [
					{
						id: 'd02-mediation',
						action: 'Directe bemiddeling naar een vrijkomende eengezinswoning (vijf slaapkamers)',
						organisation: 'Woonstichting Polder (fictief)',
						person: 'Kees Woonconsulent',
						costEstimate: null,
						legalBasis: 'Huisvestingsverordening: bemiddeling in bijzondere gevallen',
						dueInDays: 60,
						status: 'ingediend'
					},
					{
						id: 'd02-room',
						action: 'Tijdelijke kamer in de buurt voor de oudste zoon',
						organisation: 'Woonstichting Polder (fictief)',
						person: 'Kees Woonconsulent',
						costEstimate: 1650,
						legalBasis: 'Maatwerkbudget gemeente (Wmo 2015)',
						dueInDays: 10,
						status: 'concept'
					},
					{
						id: 'd02-moving',
						action: 'Verhuiskosten en inrichting nieuwe woning',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 2500,
						legalBasis: 'Participatiewet (bijzondere bijstand)',
						dueInDays: 75,
						status: 'concept'
					}
				]
			}
		},
		{ day: 22, time: '10:30', by: sanne, saveVersion: 'Na afwijzing urgentie' },
		{ day: 20, time: '16:10', by: youssef, opens: true },
		{
			day: 6,
			time: '14:00',
			by: kees,
			edit: {
				updatePlanItem: { id: 'd02-mediation', status: 'goedgekeurd' }
			}
		},
		{
			day: 6,
			time: '14:10',
			by: kees,
			edit: {
				appendNarrative: [
					'Update: er komt over zes weken een woning met vijf slaapkamers vrij in Polderdorp. Het gezin heeft de woning bekeken en wil hem graag.'
				]
			}
		},
		{
			day: 6,
			time: '14:20',
			by: sanne,
			edit: { updatePlanItem: { id: 'd02-room', status: 'uitgevoerd' } }
		},
		{
			day: 6,
			time: '14:25',
			by: sanne,
			edit: {
				scores: {
					huisvesting: [2, 'Oudste zoon heeft een tijdelijke kamer; nieuwe woning in zicht.'],
					werk_opleiding: [4, 'Oudste zoon gaat weer elke dag naar school.']
				}
			}
		}
	]
};
