import type { CaseRole, OrganisationKind } from '../../schemas/enums';

/**
 * A fictional deployment for demonstrations and trying things out. Every name, family and
 * number here is made up; the five cases are modelled on the kinds of situation the Lelystad
 * research describes (home schooling, a suitable home, household help, transport, debts).
 * Fixed ids make loading idempotent.
 */
export const demoPassword = 'demo-maatwerklab-2026';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const demoOrganisations: { id: string; name: string; kind: OrganisationKind }[] = [
	{ id: uuid(101), name: 'Gemeente Demostad (fictief)', kind: 'gemeente' },
	{ id: uuid(102), name: 'Jeugdhulp Noord (fictief)', kind: 'jeugdzorg' },
	{ id: uuid(103), name: 'Schuldhulp Demostad (fictief)', kind: 'schuldhulp' },
	{ id: uuid(104), name: 'Woonstichting Polder (fictief)', kind: 'woningcorporatie' },
	{ id: uuid(105), name: 'Samenwerkingsverband Onderwijs (fictief)', kind: 'onderwijs' }
];

export const demoAccounts: {
	id: string;
	name: string;
	email: string;
	role: 'admin' | 'member';
	organisationId: string;
}[] = [
	{
		id: uuid(201),
		name: 'Anna Beheer',
		email: 'beheer@demo.example',
		role: 'admin',
		organisationId: uuid(101)
	},
	{
		id: uuid(202),
		name: 'Sanne de Regisseur',
		email: 'sanne@demo.example',
		role: 'member',
		organisationId: uuid(101)
	},
	{
		id: uuid(203),
		name: 'Youssef Jeugdhulp',
		email: 'youssef@demo.example',
		role: 'member',
		organisationId: uuid(102)
	},
	{
		id: uuid(204),
		name: 'Petra Schuldhulp',
		email: 'petra@demo.example',
		role: 'member',
		organisationId: uuid(103)
	},
	{
		id: uuid(205),
		name: 'Kees Woonconsulent',
		email: 'kees@demo.example',
		role: 'member',
		organisationId: uuid(104)
	},
	{
		id: uuid(206),
		name: 'Lotte Leerplicht',
		email: 'lotte@demo.example',
		role: 'member',
		organisationId: uuid(105)
	},
	{
		id: uuid(207),
		name: 'Marco Facilitator',
		email: 'marco@demo.example',
		role: 'member',
		organisationId: uuid(101)
	}
];

type DemoCase = {
	id: string;
	code: string;
	title: string;
	municipality: string;
	composition: string;
	members: [accountId: string, role: CaseRole][];
};

export const sanne = uuid(202);
export const youssef = uuid(203);
export const petra = uuid(204);
export const kees = uuid(205);
export const lotte = uuid(206);
export const marco = uuid(207);

export const demoCases: DemoCase[] = [
	{
		id: uuid(301),
		code: 'Gezin D-01 (demo)',
		title: 'Thuisonderwijs tijdens herstel van de zoon',
		municipality: 'Demostad',
		composition: 'Moeder, zoon (14) met langdurige ziekte, dochter (9).',
		members: [
			[sanne, 'owner'],
			[lotte, 'participant'],
			[youssef, 'participant'],
			[marco, 'facilitator']
		]
	},
	{
		id: uuid(302),
		code: 'Gezin D-02 (demo)',
		title: 'Een passende woning voor een groot gezin',
		municipality: 'Demostad',
		composition: 'Twee ouders, vijf kinderen (2–16) in een driekamerwoning.',
		members: [
			[sanne, 'owner'],
			[kees, 'participant'],
			[youssef, 'observer']
		]
	},
	{
		id: uuid(303),
		code: 'Gezin D-03 (demo)',
		title: 'Hulp in de huishouding na uitval van vader',
		municipality: 'Demostad',
		composition: 'Vader (herstellend na hersenletsel), moeder, twee kinderen (6 en 11).',
		members: [
			[sanne, 'owner'],
			[youssef, 'participant'],
			[marco, 'facilitator']
		]
	},
	{
		id: uuid(304),
		code: 'Gezin D-04 (demo)',
		title: 'Vervoer naar school en therapie',
		municipality: 'Polderdorp',
		composition: 'Moeder zonder rijbewijs, tweeling (8) met een beperking.',
		members: [
			[youssef, 'owner'],
			[lotte, 'participant'],
			[sanne, 'participant']
		]
	},
	{
		id: uuid(305),
		code: 'Gezin D-05 (demo)',
		title: 'Schulden stabiliseren om huisuitzetting te voorkomen',
		municipality: 'Demostad',
		composition: 'Alleenstaande vader, drie kinderen (4–12); huurachterstand.',
		members: [
			[petra, 'owner'],
			[kees, 'participant'],
			[sanne, 'participant'],
			[marco, 'facilitator']
		]
	}
];
