import { demoCases, lotte, marco, sanne, youssef } from '../data';
import type { DemoStory } from '../story';

/** Gezin D-01: a son too ill for school, and nobody whose task his education is. */
export const homeSchoolingStory: DemoStory = {
	caseId: demoCases[0].id,
	steps: [
		{
			day: 34,
			time: '09:40',
			by: sanne,
			edit: {
				appendNarrative: [
					'## Situatie',
					'Moeder woont met haar zoon (14) en dochter (9) in een huurwoning in Demostad. De zoon is na een ziekenhuisopname vorig voorjaar langdurig ziek. Hij is snel uitgeput en kan hooguit twee uur per dag iets doen. Sinds vijf maanden gaat hij niet meer naar school.',
					'De school heeft hem uitgeschreven voor het praktijkdeel en verwijst naar het samenwerkingsverband. Het samenwerkingsverband ziet het als een zorgvraag en verwijst naar de jeugdhulp. De jeugdhulp zegt dat onderwijs niet onder de Jeugdwet valt. Moeder voelt zich **van het kastje naar de muur** gestuurd.',
					'Moeder heeft haar baan van 24 uur per week opgezegd om thuis te zijn. Het gezin leeft nu van een bijstandsuitkering. De dochter neemt veel zorg op zich en slaapt slecht.'
				]
			}
		},
		{
			day: 34,
			time: '09:55',
			by: sanne,
			edit: {
				scores: {
					financien: [2, 'Bijstand sinds moeder stopte met werken; geen schulden, wel krap.'],
					werk_opleiding: [1, 'Zoon krijgt al vijf maanden geen onderwijs; moeder zonder werk.'],
					tijdsbesteding: [2, 'Zoon ligt veel op bed; weinig structuur in de dag.'],
					huisvesting: [4, 'Passende huurwoning, geen achterstand.'],
					huiselijke_relaties: [3, 'Warm gezin, maar de dochter draagt te veel.'],
					geestelijke_gezondheid: [2, 'Zoon somber over zijn toekomst; moeder overbelast.'],
					lichamelijke_gezondheid: [
						2,
						'Zoon herstelt langzaam, onder behandeling in het ziekenhuis.'
					],
					middelengebruik: [5, 'Geen zorgen.'],
					basale_adl: [4, 'Zoon heeft op slechte dagen hulp nodig bij opstaan.'],
					instrumentele_adl: [3, 'Moeder regelt veel, maar komt niet meer aan papierwerk toe.'],
					sociaal_netwerk: [2, 'Klasgenoten uit beeld; oma helpt één dag per week.'],
					maatschappelijke_participatie: [2, 'Gezin trekt zich terug.'],
					justitie: [4, 'Leerplicht heeft een onderzoek naar verzuim gestart.']
				}
			}
		},
		{
			day: 33,
			time: '14:05',
			by: lotte,
			edit: {
				appendNarrative: [
					'Leerplicht: het verzuim is geoorloofd zolang er een medische verklaring is. Een proces-verbaal is niet aan de orde; wel moet er binnen zes weken een onderwijsprogramma liggen.'
				]
			}
		},
		{
			day: 33,
			time: '14:20',
			by: youssef,
			edit: {
				addPlanItems: [
					{
						id: 'd01-video',
						action:
							'Lessen volgen via een videoverbinding met de eigen klas (laptop en camera in bruikleen)',
						organisation: 'Samenwerkingsverband Onderwijs (fictief)',
						person: 'Lotte Leerplicht',
						costEstimate: 1200,
						legalBasis: 'Wet passend onderwijs (ondersteuningsmiddelen samenwerkingsverband)',
						dueInDays: -10,
						status: 'concept'
					},
					{
						id: 'd01-tutor',
						action: 'Twee ochtenden per week een docent aan huis voor wiskunde en Nederlands',
						organisation: 'Samenwerkingsverband Onderwijs (fictief)',
						person: 'Lotte Leerplicht',
						costEstimate: 3400,
						legalBasis:
							'Wet passend onderwijs; Jeugdwet art. 2.3 als onderwijs het niet kan bieden',
						dueInDays: 14,
						status: 'concept'
					},
					{
						id: 'd01-transport',
						action: 'Taxi naar de ziekenhuisschool op behandeldagen',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 2100,
						legalBasis: 'Verordening leerlingenvervoer',
						dueInDays: -20,
						status: 'ingediend'
					}
				]
			}
		},
		{ day: 33, time: '16:30', by: sanne, saveVersion: 'Na eerste casusoverleg' },
		{
			day: 19,
			time: '10:10',
			by: marco,
			edit: {
				appendNarrative: [
					'## Change Lab-sessie 1',
					'In de sessie bleek dat iedereen wacht op een ander: de school op een indicatie, de jeugdhulp op een onderwijsplan. **Niemand neemt het voortouw.** Afgesproken is dat Sanne als regisseur de aanvragen bundelt en dat het samenwerkingsverband binnen twee weken besluit.',
					[
						'Kans: het samenwerkingsverband heeft een budget voor maatwerk dat zonder indicatie kan worden ingezet.',
						'Belemmering: de taxi naar de ziekenhuisschool is afgewezen, omdat de verordening alleen vervoer naar de eigen school kent.'
					]
				]
			}
		},
		{
			day: 19,
			time: '10:25',
			by: sanne,
			edit: {
				breakthrough:
					'De zoon krijgt vanaf de herfstvakantie vier ochtenden per week onderwijs, thuis en via de klas op afstand, zodat hij zijn schooljaar niet verliest en moeder weer kan gaan werken.',
				agreedInDays: -19
			}
		},
		{
			day: 19,
			time: '10:40',
			by: lotte,
			edit: { updatePlanItem: { id: 'd01-video', status: 'goedgekeurd' } }
		},
		{
			day: 19,
			time: '10:45',
			by: lotte,
			edit: { updatePlanItem: { id: 'd01-tutor', status: 'ingediend' } }
		},
		{
			day: 19,
			time: '10:50',
			by: sanne,
			edit: {
				updatePlanItem: {
					id: 'd01-transport',
					status: 'afgewezen',
					action:
						'Taxi naar de ziekenhuisschool op behandeldagen (afgewezen: de verordening kent alleen vervoer naar de eigen school; bezwaar loopt)'
				}
			}
		},
		{
			day: 19,
			time: '10:55',
			by: sanne,
			edit: {
				addPlanItems: [
					{
						id: 'd01-respite',
						action: 'Mantelzorgondersteuning voor moeder: één dagdeel per week respijtzorg',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 900,
						legalBasis: 'Wmo 2015',
						dueInDays: 21,
						status: 'concept'
					}
				]
			}
		},
		{ day: 19, time: '11:30', by: marco, saveVersion: 'Na Change Lab-sessie 1' },
		{
			day: 5,
			time: '15:00',
			by: lotte,
			edit: {
				updatePlanItem: { id: 'd01-video', status: 'uitgevoerd' }
			}
		},
		{
			day: 5,
			time: '15:05',
			by: lotte,
			edit: {
				appendNarrative: [
					'Update: de videoverbinding werkt sinds twee weken. De zoon volgt drie lessen per dag en heeft weer contact met zijn klas.'
				]
			}
		},
		{
			day: 5,
			time: '15:15',
			by: sanne,
			edit: {
				scores: {
					werk_opleiding: [2, 'Zoon volgt weer lessen op afstand; moeder zoekt werk voor 16 uur.'],
					sociaal_netwerk: [3, 'Weer contact met klasgenoten via de lessen.'],
					justitie: [5, 'Verzuimonderzoek gesloten: geoorloofd verzuim.']
				}
			}
		},
		{ day: 4, time: '09:00', by: youssef, opens: true }
	]
};
