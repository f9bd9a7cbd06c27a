// Shared option data for the Select2 pages.
const PROJECTS = [['ATL', 'Atlas'], ['ATL-L', 'Atlas Legacy'], ['AUR', 'Aurora'], ['BOR', 'Borealis'], ['CAL', 'Calypso'],
  ['CER', 'Ceres'], ['COB', 'Cobalt'], ['CYG', 'Cygnus'], ['DEL', 'Delta Migration'], ['EOS', 'Eos'], ['FAL', 'Falcon'],
  ['GEM', 'Gemini'], ['HEL', 'Helios'], ['HYD', 'Hydra'], ['ION', 'Ion'], ['JUN', 'Juno'], ['KES', 'Kestrel'],
  ['LYR', 'Lyra'], ['MER', 'Mercury'], ['NEB', 'Nebula'], ['NOV', 'Nova'], ['ORI', 'Orion'], ['PEG', 'Pegasus'],
  ['PHX', 'Phoenix'], ['POL', 'Polaris'], ['QUA', 'Quasar'], ['SAT', 'Saturn'], ['TIT', 'Titan'], ['VEG', 'Vega'],
  ['ZEP', 'Zephyr']];
const COUNTRIES = [['AR', 'Argentina'], ['AU', 'Australia'], ['AT', 'Austria'], ['BE', 'Belgium'], ['BR', 'Brazil'],
  ['BG', 'Bulgaria'], ['CA', 'Canada'], ['CL', 'Chile'], ['CN', 'China'], ['CO', 'Colombia'], ['HR', 'Croatia'],
  ['CY', 'Cyprus'], ['CZ', 'Czechia'], ['DK', 'Denmark'], ['EG', 'Egypt'], ['EE', 'Estonia'], ['FI', 'Finland'],
  ['FR', 'France'], ['DE', 'Germany'], ['GR', 'Greece'], ['HK', 'Hong Kong'], ['HU', 'Hungary'], ['IS', 'Iceland'],
  ['IN', 'India'], ['ID', 'Indonesia'], ['IE', 'Ireland'], ['IL', 'Israel'], ['IT', 'Italy'], ['JP', 'Japan'],
  ['KE', 'Kenya'], ['LV', 'Latvia'], ['LT', 'Lithuania'], ['LU', 'Luxembourg'], ['MY', 'Malaysia'], ['MT', 'Malta'],
  ['MX', 'Mexico'], ['MA', 'Morocco'], ['NL', 'Netherlands'], ['NZ', 'New Zealand'], ['NG', 'Nigeria'],
  ['NO', 'Norway'], ['PK', 'Pakistan'], ['PE', 'Peru'], ['PH', 'Philippines'], ['PL', 'Poland'], ['PT', 'Portugal'],
  ['RO', 'Romania'], ['SA', 'Saudi Arabia'], ['RS', 'Serbia'], ['SG', 'Singapore'], ['SK', 'Slovakia'],
  ['SI', 'Slovenia'], ['ZA', 'South Africa'], ['KR', 'South Korea'], ['ES', 'Spain'], ['SE', 'Sweden'],
  ['CH', 'Switzerland'], ['TW', 'Taiwan'], ['TH', 'Thailand'], ['TR', 'Türkiye'], ['UA', 'Ukraine'],
  ['AE', 'United Arab Emirates'], ['GB', 'United Kingdom'], ['US', 'United States'], ['UY', 'Uruguay'], ['VN', 'Vietnam']];
function fillProjects($sel, selected = []) {
  for (const [id, name] of PROJECTS) $sel.append(new Option(name, id, false, selected.includes(id)));
}
function fillCountries($sel) {
  $sel.append(new Option('', '', true, true));
  for (const [id, name] of COUNTRIES) $sel.append(new Option(name, id));
}
