/**
 * ISO 3166-1 alpha-2 country codes with the world region Parallax groups them
 * into (for coverage and blindspots), and their English names. Facts, not
 * configuration. `XK` (Kosovo) is a user-assigned code in general use (EU, IMF)
 * and is accepted as well.
 */
export const REGIONS = [
  'africa',
  'latin-america',
  'middle-east',
  'south-asia',
  'southeast-asia',
  'east-asia',
  'central-asia',
  'oceania',
  'europe',
  'north-america',
] as const;

export type Region = (typeof REGIONS)[number];

type Row = readonly [code: string, region: Region, name: string];

const ROWS: readonly Row[] = [
  // Africa
  ['DZ', 'africa', 'Algeria'], ['AO', 'africa', 'Angola'], ['BJ', 'africa', 'Benin'], ['BW', 'africa', 'Botswana'],
  ['BF', 'africa', 'Burkina Faso'], ['BI', 'africa', 'Burundi'], ['CV', 'africa', 'Cabo Verde'], ['CM', 'africa', 'Cameroon'],
  ['CF', 'africa', 'Central African Republic'], ['TD', 'africa', 'Chad'], ['KM', 'africa', 'Comoros'], ['CG', 'africa', 'Congo'],
  ['CD', 'africa', 'DR Congo'], ['CI', 'africa', "Côte d'Ivoire"], ['DJ', 'africa', 'Djibouti'], ['EG', 'africa', 'Egypt'],
  ['GQ', 'africa', 'Equatorial Guinea'], ['ER', 'africa', 'Eritrea'], ['SZ', 'africa', 'Eswatini'], ['ET', 'africa', 'Ethiopia'],
  ['GA', 'africa', 'Gabon'], ['GM', 'africa', 'Gambia'], ['GH', 'africa', 'Ghana'], ['GN', 'africa', 'Guinea'],
  ['GW', 'africa', 'Guinea-Bissau'], ['KE', 'africa', 'Kenya'], ['LS', 'africa', 'Lesotho'], ['LR', 'africa', 'Liberia'],
  ['LY', 'africa', 'Libya'], ['MG', 'africa', 'Madagascar'], ['MW', 'africa', 'Malawi'], ['ML', 'africa', 'Mali'],
  ['MR', 'africa', 'Mauritania'], ['MU', 'africa', 'Mauritius'], ['YT', 'africa', 'Mayotte'], ['MA', 'africa', 'Morocco'],
  ['MZ', 'africa', 'Mozambique'], ['NA', 'africa', 'Namibia'], ['NE', 'africa', 'Niger'], ['NG', 'africa', 'Nigeria'],
  ['RE', 'africa', 'Réunion'], ['RW', 'africa', 'Rwanda'], ['SH', 'africa', 'Saint Helena'], ['ST', 'africa', 'São Tomé and Príncipe'],
  ['SN', 'africa', 'Senegal'], ['SC', 'africa', 'Seychelles'], ['SL', 'africa', 'Sierra Leone'], ['SO', 'africa', 'Somalia'],
  ['ZA', 'africa', 'South Africa'], ['SS', 'africa', 'South Sudan'], ['SD', 'africa', 'Sudan'], ['TZ', 'africa', 'Tanzania'],
  ['TG', 'africa', 'Togo'], ['TN', 'africa', 'Tunisia'], ['UG', 'africa', 'Uganda'], ['EH', 'africa', 'Western Sahara'],
  ['ZM', 'africa', 'Zambia'], ['ZW', 'africa', 'Zimbabwe'],
  // Latin America and the Caribbean
  ['AI', 'latin-america', 'Anguilla'], ['AG', 'latin-america', 'Antigua and Barbuda'], ['AR', 'latin-america', 'Argentina'],
  ['AW', 'latin-america', 'Aruba'], ['BS', 'latin-america', 'Bahamas'], ['BB', 'latin-america', 'Barbados'], ['BZ', 'latin-america', 'Belize'],
  ['BO', 'latin-america', 'Bolivia'], ['BQ', 'latin-america', 'Caribbean Netherlands'], ['BR', 'latin-america', 'Brazil'],
  ['VG', 'latin-america', 'British Virgin Islands'], ['KY', 'latin-america', 'Cayman Islands'], ['CL', 'latin-america', 'Chile'],
  ['CO', 'latin-america', 'Colombia'], ['CR', 'latin-america', 'Costa Rica'], ['CU', 'latin-america', 'Cuba'], ['CW', 'latin-america', 'Curaçao'],
  ['DM', 'latin-america', 'Dominica'], ['DO', 'latin-america', 'Dominican Republic'], ['EC', 'latin-america', 'Ecuador'],
  ['SV', 'latin-america', 'El Salvador'], ['FK', 'latin-america', 'Falkland Islands'], ['GF', 'latin-america', 'French Guiana'],
  ['GD', 'latin-america', 'Grenada'], ['GP', 'latin-america', 'Guadeloupe'], ['GT', 'latin-america', 'Guatemala'], ['GY', 'latin-america', 'Guyana'],
  ['HT', 'latin-america', 'Haiti'], ['HN', 'latin-america', 'Honduras'], ['JM', 'latin-america', 'Jamaica'], ['MQ', 'latin-america', 'Martinique'],
  ['MX', 'latin-america', 'Mexico'], ['MS', 'latin-america', 'Montserrat'], ['NI', 'latin-america', 'Nicaragua'], ['PA', 'latin-america', 'Panama'],
  ['PY', 'latin-america', 'Paraguay'], ['PE', 'latin-america', 'Peru'], ['PR', 'latin-america', 'Puerto Rico'], ['BL', 'latin-america', 'Saint Barthélemy'],
  ['KN', 'latin-america', 'Saint Kitts and Nevis'], ['LC', 'latin-america', 'Saint Lucia'], ['MF', 'latin-america', 'Saint Martin'],
  ['VC', 'latin-america', 'Saint Vincent and the Grenadines'], ['SX', 'latin-america', 'Sint Maarten'], ['SR', 'latin-america', 'Suriname'],
  ['TT', 'latin-america', 'Trinidad and Tobago'], ['TC', 'latin-america', 'Turks and Caicos Islands'], ['VI', 'latin-america', 'US Virgin Islands'],
  ['UY', 'latin-america', 'Uruguay'], ['VE', 'latin-america', 'Venezuela'], ['GS', 'latin-america', 'South Georgia'],
  // Middle East
  ['BH', 'middle-east', 'Bahrain'], ['IR', 'middle-east', 'Iran'], ['IQ', 'middle-east', 'Iraq'], ['IL', 'middle-east', 'Israel'],
  ['JO', 'middle-east', 'Jordan'], ['KW', 'middle-east', 'Kuwait'], ['LB', 'middle-east', 'Lebanon'], ['OM', 'middle-east', 'Oman'],
  ['PS', 'middle-east', 'Palestine'], ['QA', 'middle-east', 'Qatar'], ['SA', 'middle-east', 'Saudi Arabia'], ['SY', 'middle-east', 'Syria'],
  ['TR', 'middle-east', 'Türkiye'], ['AE', 'middle-east', 'United Arab Emirates'], ['YE', 'middle-east', 'Yemen'],
  // South Asia
  ['AF', 'south-asia', 'Afghanistan'], ['BD', 'south-asia', 'Bangladesh'], ['BT', 'south-asia', 'Bhutan'], ['IN', 'south-asia', 'India'],
  ['MV', 'south-asia', 'Maldives'], ['NP', 'south-asia', 'Nepal'], ['PK', 'south-asia', 'Pakistan'], ['LK', 'south-asia', 'Sri Lanka'],
  ['IO', 'south-asia', 'British Indian Ocean Territory'],
  // Southeast Asia
  ['BN', 'southeast-asia', 'Brunei'], ['KH', 'southeast-asia', 'Cambodia'], ['ID', 'southeast-asia', 'Indonesia'], ['LA', 'southeast-asia', 'Laos'],
  ['MY', 'southeast-asia', 'Malaysia'], ['MM', 'southeast-asia', 'Myanmar'], ['PH', 'southeast-asia', 'Philippines'], ['SG', 'southeast-asia', 'Singapore'],
  ['TH', 'southeast-asia', 'Thailand'], ['TL', 'southeast-asia', 'Timor-Leste'], ['VN', 'southeast-asia', 'Vietnam'],
  ['CX', 'southeast-asia', 'Christmas Island'], ['CC', 'southeast-asia', 'Cocos (Keeling) Islands'],
  // East Asia
  ['CN', 'east-asia', 'China'], ['HK', 'east-asia', 'Hong Kong'], ['JP', 'east-asia', 'Japan'], ['KP', 'east-asia', 'North Korea'],
  ['KR', 'east-asia', 'South Korea'], ['MO', 'east-asia', 'Macao'], ['MN', 'east-asia', 'Mongolia'], ['TW', 'east-asia', 'Taiwan'],
  // Central Asia
  ['KZ', 'central-asia', 'Kazakhstan'], ['KG', 'central-asia', 'Kyrgyzstan'], ['TJ', 'central-asia', 'Tajikistan'],
  ['TM', 'central-asia', 'Turkmenistan'], ['UZ', 'central-asia', 'Uzbekistan'],
  // Oceania
  ['AS', 'oceania', 'American Samoa'], ['AU', 'oceania', 'Australia'], ['CK', 'oceania', 'Cook Islands'], ['FJ', 'oceania', 'Fiji'],
  ['PF', 'oceania', 'French Polynesia'], ['GU', 'oceania', 'Guam'], ['KI', 'oceania', 'Kiribati'], ['MH', 'oceania', 'Marshall Islands'],
  ['FM', 'oceania', 'Micronesia'], ['NR', 'oceania', 'Nauru'], ['NC', 'oceania', 'New Caledonia'], ['NZ', 'oceania', 'New Zealand'],
  ['NU', 'oceania', 'Niue'], ['NF', 'oceania', 'Norfolk Island'], ['MP', 'oceania', 'Northern Mariana Islands'], ['PW', 'oceania', 'Palau'],
  ['PG', 'oceania', 'Papua New Guinea'], ['PN', 'oceania', 'Pitcairn'], ['WS', 'oceania', 'Samoa'], ['SB', 'oceania', 'Solomon Islands'],
  ['TK', 'oceania', 'Tokelau'], ['TO', 'oceania', 'Tonga'], ['TV', 'oceania', 'Tuvalu'], ['UM', 'oceania', 'US Minor Outlying Islands'],
  ['VU', 'oceania', 'Vanuatu'], ['WF', 'oceania', 'Wallis and Futuna'], ['HM', 'oceania', 'Heard Island and McDonald Islands'],
  // Europe (with the Caucasus)
  ['AX', 'europe', 'Åland Islands'], ['AL', 'europe', 'Albania'], ['AD', 'europe', 'Andorra'], ['AM', 'europe', 'Armenia'],
  ['AT', 'europe', 'Austria'], ['AZ', 'europe', 'Azerbaijan'], ['BY', 'europe', 'Belarus'], ['BE', 'europe', 'Belgium'],
  ['BA', 'europe', 'Bosnia and Herzegovina'], ['BG', 'europe', 'Bulgaria'], ['HR', 'europe', 'Croatia'], ['CY', 'europe', 'Cyprus'],
  ['CZ', 'europe', 'Czechia'], ['DK', 'europe', 'Denmark'], ['EE', 'europe', 'Estonia'], ['FO', 'europe', 'Faroe Islands'],
  ['FI', 'europe', 'Finland'], ['FR', 'europe', 'France'], ['GE', 'europe', 'Georgia'], ['DE', 'europe', 'Germany'],
  ['GI', 'europe', 'Gibraltar'], ['GR', 'europe', 'Greece'], ['GG', 'europe', 'Guernsey'], ['HU', 'europe', 'Hungary'],
  ['IS', 'europe', 'Iceland'], ['IE', 'europe', 'Ireland'], ['IM', 'europe', 'Isle of Man'], ['IT', 'europe', 'Italy'],
  ['JE', 'europe', 'Jersey'], ['XK', 'europe', 'Kosovo'], ['LV', 'europe', 'Latvia'], ['LI', 'europe', 'Liechtenstein'],
  ['LT', 'europe', 'Lithuania'], ['LU', 'europe', 'Luxembourg'], ['MT', 'europe', 'Malta'], ['MD', 'europe', 'Moldova'],
  ['MC', 'europe', 'Monaco'], ['ME', 'europe', 'Montenegro'], ['NL', 'europe', 'Netherlands'], ['MK', 'europe', 'North Macedonia'],
  ['NO', 'europe', 'Norway'], ['PL', 'europe', 'Poland'], ['PT', 'europe', 'Portugal'], ['RO', 'europe', 'Romania'],
  ['RU', 'europe', 'Russia'], ['SM', 'europe', 'San Marino'], ['RS', 'europe', 'Serbia'], ['SK', 'europe', 'Slovakia'],
  ['SI', 'europe', 'Slovenia'], ['ES', 'europe', 'Spain'], ['SJ', 'europe', 'Svalbard and Jan Mayen'], ['SE', 'europe', 'Sweden'],
  ['CH', 'europe', 'Switzerland'], ['UA', 'europe', 'Ukraine'], ['GB', 'europe', 'United Kingdom'], ['VA', 'europe', 'Vatican City'],
  // North America
  ['BM', 'north-america', 'Bermuda'], ['CA', 'north-america', 'Canada'], ['GL', 'north-america', 'Greenland'],
  ['PM', 'north-america', 'Saint Pierre and Miquelon'], ['US', 'north-america', 'United States'],
  // Other territories
  ['AQ', 'oceania', 'Antarctica'], ['BV', 'europe', 'Bouvet Island'], ['TF', 'africa', 'French Southern Territories'],
];

const BY_CODE = new Map<string, { region: Region; name: string }>(ROWS.map(([c, region, name]) => [c, { region, name }]));

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function regionOf(code: string | null | undefined): Region | null {
  return code ? (BY_CODE.get(code.toUpperCase())?.region ?? null) : null;
}

export function countryName(code: string): string | null {
  return BY_CODE.get(code.toUpperCase())?.name ?? null;
}

export function allCountryCodes(): string[] {
  return ROWS.map((r) => r[0]);
}
