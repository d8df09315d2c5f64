/**
 * A compact world gazetteer: countries (with common alternative names),
 * their capitals and demonyms, and major regions. Facts, used to type
 * places and to relate a capital or a demonym to its country.
 */

/** country | capital | demonym(s) separated by "/" | alternative names separated by "/" */
const COUNTRIES = `
Afghanistan|Kabul|Afghan|
Albania|Tirana|Albanian|
Algeria|Algiers|Algerian|
Andorra|Andorra la Vella|Andorran|
Angola|Luanda|Angolan|
Antigua and Barbuda|Saint John's|Antiguan|
Argentina|Buenos Aires|Argentine/Argentinian|
Armenia|Yerevan|Armenian|
Australia|Canberra|Australian|
Austria|Vienna|Austrian|
Azerbaijan|Baku|Azerbaijani|
Bahamas|Nassau|Bahamian|
Bahrain|Manama|Bahraini|
Bangladesh|Dhaka|Bangladeshi|
Barbados|Bridgetown|Barbadian|
Belarus|Minsk|Belarusian|
Belgium|Brussels|Belgian|
Belize|Belmopan|Belizean|
Benin|Porto-Novo|Beninese|
Bhutan|Thimphu|Bhutanese|
Bolivia|La Paz|Bolivian|
Bosnia and Herzegovina|Sarajevo|Bosnian|Bosnia
Botswana|Gaborone|Botswanan|
Brazil|Brasilia|Brazilian|
Brunei|Bandar Seri Begawan|Bruneian|
Bulgaria|Sofia|Bulgarian|
Burkina Faso|Ouagadougou|Burkinabe|
Burundi|Gitega|Burundian|
Cambodia|Phnom Penh|Cambodian|
Cameroon|Yaounde|Cameroonian|
Canada|Ottawa|Canadian|
Cape Verde|Praia|Cape Verdean|Cabo Verde
Central African Republic|Bangui|Central African|
Chad|N'Djamena|Chadian|
Chile|Santiago|Chilean|
China|Beijing|Chinese|People's Republic of China/PRC
Colombia|Bogota|Colombian|
Comoros|Moroni|Comoran|
Congo|Brazzaville|Congolese|Republic of the Congo
Democratic Republic of the Congo|Kinshasa|Congolese|DRC/DR Congo
Costa Rica|San Jose|Costa Rican|
Croatia|Zagreb|Croatian|
Cuba|Havana|Cuban|
Cyprus|Nicosia|Cypriot|
Czech Republic|Prague|Czech|Czechia
Denmark|Copenhagen|Danish|
Djibouti|Djibouti|Djiboutian|
Dominica|Roseau|Dominican|
Dominican Republic|Santo Domingo|Dominican|
Ecuador|Quito|Ecuadorian|
Egypt|Cairo|Egyptian|
El Salvador|San Salvador|Salvadoran|
Equatorial Guinea|Malabo|Equatoguinean|
Eritrea|Asmara|Eritrean|
Estonia|Tallinn|Estonian|
Eswatini|Mbabane|Swazi|Swaziland
Ethiopia|Addis Ababa|Ethiopian|
Fiji|Suva|Fijian|
Finland|Helsinki|Finnish|
France|Paris|French|
Gabon|Libreville|Gabonese|
Gambia|Banjul|Gambian|
Georgia|Tbilisi|Georgian|
Germany|Berlin|German|
Ghana|Accra|Ghanaian|
Greece|Athens|Greek|
Grenada|St. George's|Grenadian|
Guatemala|Guatemala City|Guatemalan|
Guinea|Conakry|Guinean|
Guinea-Bissau|Bissau|Bissau-Guinean|
Guyana|Georgetown|Guyanese|
Haiti|Port-au-Prince|Haitian|
Honduras|Tegucigalpa|Honduran|
Hungary|Budapest|Hungarian|
Iceland|Reykjavik|Icelandic|
India|New Delhi|Indian|
Indonesia|Jakarta|Indonesian|
Iran|Tehran|Iranian|Persia
Iraq|Baghdad|Iraqi|
Ireland|Dublin|Irish|
Israel|Jerusalem|Israeli|
Italy|Rome|Italian|
Ivory Coast|Yamoussoukro|Ivorian|Cote d'Ivoire
Jamaica|Kingston|Jamaican|
Japan|Tokyo|Japanese|
Jordan|Amman|Jordanian|
Kazakhstan|Astana|Kazakh|
Kenya|Nairobi|Kenyan|
Kiribati|Tarawa|I-Kiribati|
Kosovo|Pristina|Kosovar|
Kuwait|Kuwait City|Kuwaiti|
Kyrgyzstan|Bishkek|Kyrgyz|
Laos|Vientiane|Lao/Laotian|
Latvia|Riga|Latvian|
Lebanon|Beirut|Lebanese|
Lesotho|Maseru|Basotho|
Liberia|Monrovia|Liberian|
Libya|Tripoli|Libyan|
Liechtenstein|Vaduz|Liechtensteiner|
Lithuania|Vilnius|Lithuanian|
Luxembourg|Luxembourg|Luxembourgish|
Madagascar|Antananarivo|Malagasy|
Malawi|Lilongwe|Malawian|
Malaysia|Kuala Lumpur|Malaysian|
Maldives|Male|Maldivian|
Mali|Bamako|Malian|
Malta|Valletta|Maltese|
Marshall Islands|Majuro|Marshallese|
Mauritania|Nouakchott|Mauritanian|
Mauritius|Port Louis|Mauritian|
Mexico|Mexico City|Mexican|
Micronesia|Palikir|Micronesian|
Moldova|Chisinau|Moldovan|
Monaco|Monaco|Monegasque|
Mongolia|Ulaanbaatar|Mongolian|
Montenegro|Podgorica|Montenegrin|
Morocco|Rabat|Moroccan|
Mozambique|Maputo|Mozambican|
Myanmar|Naypyidaw|Burmese|Burma
Namibia|Windhoek|Namibian|
Nauru|Yaren|Nauruan|
Nepal|Kathmandu|Nepali/Nepalese|
Netherlands|Amsterdam|Dutch|Holland
New Zealand|Wellington|New Zealander|
Nicaragua|Managua|Nicaraguan|
Niger|Niamey|Nigerien|
Nigeria|Abuja|Nigerian|
North Korea|Pyongyang|North Korean|DPRK
North Macedonia|Skopje|Macedonian|Macedonia
Norway|Oslo|Norwegian|
Oman|Muscat|Omani|
Pakistan|Islamabad|Pakistani|
Palau|Ngerulmud|Palauan|
Palestine|Ramallah|Palestinian|Palestinian territories
Panama|Panama City|Panamanian|
Papua New Guinea|Port Moresby|Papua New Guinean|
Paraguay|Asuncion|Paraguayan|
Peru|Lima|Peruvian|
Philippines|Manila|Filipino/Philippine|
Poland|Warsaw|Polish|
Portugal|Lisbon|Portuguese|
Qatar|Doha|Qatari|
Romania|Bucharest|Romanian|
Russia|Moscow|Russian|Russian Federation
Rwanda|Kigali|Rwandan|
Saint Kitts and Nevis|Basseterre|Kittitian|
Saint Lucia|Castries|Saint Lucian|
Saint Vincent and the Grenadines|Kingstown|Vincentian|
Samoa|Apia|Samoan|
San Marino|San Marino|Sammarinese|
Sao Tome and Principe|Sao Tome|Santomean|
Saudi Arabia|Riyadh|Saudi|
Senegal|Dakar|Senegalese|
Serbia|Belgrade|Serbian|
Seychelles|Victoria|Seychellois|
Sierra Leone|Freetown|Sierra Leonean|
Singapore|Singapore|Singaporean|
Slovakia|Bratislava|Slovak|
Slovenia|Ljubljana|Slovenian|
Solomon Islands|Honiara|Solomon Islander|
Somalia|Mogadishu|Somali|
South Africa|Pretoria|South African|
South Korea|Seoul|South Korean|Republic of Korea
South Sudan|Juba|South Sudanese|
Spain|Madrid|Spanish|
Sri Lanka|Colombo|Sri Lankan|
Sudan|Khartoum|Sudanese|
Suriname|Paramaribo|Surinamese|
Sweden|Stockholm|Swedish|
Switzerland|Bern|Swiss|
Syria|Damascus|Syrian|
Taiwan|Taipei|Taiwanese|
Tajikistan|Dushanbe|Tajik|
Tanzania|Dodoma|Tanzanian|
Thailand|Bangkok|Thai|
Timor-Leste|Dili|Timorese|East Timor
Togo|Lome|Togolese|
Tonga|Nuku'alofa|Tongan|
Trinidad and Tobago|Port of Spain|Trinidadian|
Tunisia|Tunis|Tunisian|
Turkey|Ankara|Turkish|Turkiye
Turkmenistan|Ashgabat|Turkmen|
Tuvalu|Funafuti|Tuvaluan|
Uganda|Kampala|Ugandan|
Ukraine|Kyiv|Ukrainian|Kiev
United Arab Emirates|Abu Dhabi|Emirati|UAE
United Kingdom|London|British|UK/U.K./Britain/Great Britain
United States|Washington|American|US/U.S./USA/U.S.A./America/United States of America
Uruguay|Montevideo|Uruguayan|
Uzbekistan|Tashkent|Uzbek|
Vanuatu|Port Vila|Ni-Vanuatu|
Vatican City|Vatican City|Vatican|Holy See/Vatican
Venezuela|Caracas|Venezuelan|
Vietnam|Hanoi|Vietnamese|Viet Nam
Yemen|Sanaa|Yemeni|
Zambia|Lusaka|Zambian|
Zimbabwe|Harare|Zimbabwean|
`;

const REGIONS = `Africa/Asia/Europe/North America/South America/Latin America/Central America/Oceania/Antarctica/Arctic/
Middle East/Near East/Far East/Caribbean/Caribbean Sea/Mediterranean/Balkans/Baltic/Baltics/Caucasus/Scandinavia/
Sahel/Maghreb/Horn of Africa/Sub-Saharan Africa/West Africa/East Africa/Southern Africa/North Africa/Central Asia/
South Asia/Southeast Asia/East Asia/Western Hemisphere/Eastern Europe/Western Europe/Pacific/Atlantic/Indian Ocean/
Pacific Ocean/Atlantic Ocean/Persian Gulf/Gulf of Mexico/Red Sea/Black Sea/Baltic Sea/South China Sea/Taiwan Strait/
Strait of Hormuz/Gaza/Gaza Strip/West Bank/Crimea/Donbas/Kashmir/Tibet/Xinjiang/Hong Kong/Siberia/Patagonia/Amazon/
Puerto Rico/Greenland/Aruba/Curacao/Kurdistan/Scotland/England/Wales/Northern Ireland/Catalonia/Bavaria/Quebec/
California/Texas/Florida/New York/Alaska/Hawaii`;

/** Major non-capital cities often in world news. */
const CITIES = `New York/Los Angeles/Chicago/Miami/Houston/San Francisco/Shanghai/Hong Kong/Mumbai/Istanbul/St. Petersburg/
Saint Petersburg/Dubai/Sao Paulo/Rio de Janeiro/Toronto/Sydney/Melbourne/Geneva/Davos/Munich/Frankfurt/Milan/Barcelona/
Kharkiv/Odesa/Odessa/Mariupol/Aleppo/Mosul/Basra/Karachi/Lahore/Osaka/Busan/Johannesburg/Lagos/Alexandria/Marseille/
Maracaibo/Valencia/Guadalajara/Monterrey/Tijuana/Medellin/Cali/Cordoba/Rosario/Novosibirsk/Vladivostok/Kaliningrad`;

export interface Place {
  name: string;
  kind: 'country' | 'capital' | 'region' | 'city';
  /** For a capital or demonym: the country. */
  country?: string;
}

export interface Gazetteer {
  /** folded name → place */
  places: Map<string, Place>;
  /** folded demonym → country */
  demonyms: Map<string, string>;
}

function foldKey(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s))
    return s
      .toLowerCase()
      .replace(/\.(?=[a-z]|$)/g, '')
      .trim();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\.(?=\p{L}|$)/gu, '')
    .trim();
}

function build(): Gazetteer {
  const places = new Map<string, Place>();
  const demonyms = new Map<string, string>();
  for (const line of COUNTRIES.split('\n')) {
    if (!line.trim()) continue;
    const [country, capital, dem, alts] = line.split('|');
    places.set(foldKey(country), { name: country, kind: 'country' });
    for (const a of (alts ?? '').split('/').filter(Boolean)) places.set(foldKey(a), { name: country, kind: 'country' });
    if (capital && !places.has(foldKey(capital))) places.set(foldKey(capital), { name: capital, kind: 'capital', country });
    for (const d of (dem ?? '').split('/').filter(Boolean)) if (!demonyms.has(foldKey(d))) demonyms.set(foldKey(d), country);
  }
  for (const r of REGIONS.split('/')) {
    const k = foldKey(r.trim());
    if (k && !places.has(k)) places.set(k, { name: r.trim(), kind: 'region' });
  }
  for (const c of CITIES.split('/')) {
    const k = foldKey(c.trim());
    if (k && !places.has(k)) places.set(k, { name: c.trim(), kind: 'city' });
  }
  for (const d of [
    'Latin American',
    'Western',
    'Eastern',
    'Northern',
    'Southern',
    'European',
    'African',
    'Asian',
    'Arab',
    'Soviet',
    'Caribbean',
    'Middle Eastern',
    'Pacific',
    'Atlantic',
    'Kurdish',
    'Persian',
    'Gulf',
  ])
    if (!demonyms.has(foldKey(d))) demonyms.set(foldKey(d), '');
  return { places, demonyms };
}

/** The gazetteer: constant lookup tables built from the data above. */
const GAZETTEER: Gazetteer = build();

export function gazetteer(): Gazetteer {
  return GAZETTEER;
}

/** The place a name denotes, if the gazetteer knows it. */
export function lookupPlace(name: string): Place | null {
  const g = gazetteer();
  return g.places.get(foldKey(name.replace(/^the\s+/i, ''))) ?? null;
}

/** The capital of a country, if known. */
export function capitalOf(country: string): string | null {
  for (const p of gazetteer().places.values()) if (p.kind === 'capital' && p.country === country) return p.name;
  return null;
}

/** The country of a demonym ("Russian" → "Russia"); '' for a regional adjective; null if not a demonym. */
export function demonymCountry(word: string): string | null {
  const v = gazetteer().demonyms.get(foldKey(word));
  return v === undefined ? null : v;
}
