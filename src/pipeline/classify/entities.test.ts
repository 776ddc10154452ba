import { describe, expect, it } from 'vitest';
import { findGangs } from './gangs.js';
import { isProbablyEnglish } from './language.js';
import { findVictims } from './victims.js';
import { findPressMarks, securityWire } from './wire.js';

describe('findGangs', () => {
  it('finds distinctive gang names anywhere', () => {
    expect(findGangs('LockBit and BlackCat affiliates hit two hospitals; Cl0p claims a third')).toEqual(['LockBit', 'BlackCat', 'Cl0p']);
    expect(findGangs('Akira ransomware and Qilin lead the quarter')).toEqual(['Akira', 'Qilin']);
  });

  it('counts names that are also ordinary words only when the text says they are a gang', () => {
    expect(findGangs('Play ransomware hits a city; the Hive gang is back; ransomware group Medusa leaks files')).toEqual(['Play', 'Hive', 'Medusa']);
    expect(findGangs('Kids play outside, a royal wedding, a bee hive and a Medusa statue')).toEqual([]);
  });
});

describe('findVictims', () => {
  it.each([
    ['Acme Health confirms data breach affecting 2 million patients', '', ['Acme Health']],
    ['Summitline Mutual notifies 61,000 policyholders of data theft', '', ['Summitline Mutual']],
    ['Ransomware disrupts care', 'A ransomware attack on Pinecrest Medical Center forced ambulances to divert.', ['Pinecrest Medical Center']],
    ['', 'Researchers confirmed a data breach at Globex Corporation last week.', ['Globex Corporation']],
    ['', 'Texas-based Initech disclosed a cybersecurity incident in a regulatory filing.', ['Initech']],
    ['City of Springfield hit by ransomware attack', 'The City of Springfield was hit by a ransomware attack on Monday.', ['City of Springfield']],
    ['', 'Lynch & Partners LLP is investigating claims on behalf of individuals affected by the Harbor Valley Bank data breach.', ['Harbor Valley Bank']],
    ['Brightwater Health diverts ambulances as ransomware attack hits 14 hospitals', '', ['Brightwater Health']],
    ['Pinecrest Outfitters says hackers stole 2.3 million customers’ data', '', ['Pinecrest Outfitters']],
    ['Clearwell Community College says breach exposed 48,000 students’ records', '', ['Clearwell Community College']],
    ['City of Harwick’s phones and payment portals down after cyberattack', '', ['City of Harwick']],
    ['Akira ransomware gang claims attack on auto-parts maker Shrivardhan Components', '', ['Shrivardhan Components']],
    // An initial ends no sentence, so the name keeps its sentence-start verb pattern.
    ['Update on the incident', 'The bank confirmed the leak. J.P. Morgan Chase says hackers stole customer data.', ['J.P. Morgan Chase']],
    // Issue 16's headline shapes.
    ['Telehealth firm Quenby Health left 900,000 patient forms in an open storage bucket', '', ['Quenby Health']],
    ['Dating app Lumiro left chat logs exposed on a public server', '', ['Lumiro']],
    ['Gang claims Kelso Foods as victim, threatens to leak payroll data', '', ['Kelso Foods']],
    ['Qilin claims Brightwater Health ransomware attack as hospitals stay on paper', '', ['Brightwater Health']],
    ['Ransomware crew takes credit for Marlowe Logistics outage', '', ['Marlowe Logistics']],
    ['Interlock gang leaks Cedar Valley school district files after refusal to pay', '', ['Cedar Valley']],
    ['Ransomware halts shipments at Ostwind Logistik in Basel', '', ['Ostwind Logistik']],
    ['Freight forwarder Marlowe Logistics halts shipments after ransomware attack', '', ['Marlowe Logistics']],
    ['Unprotected database at online lender LendNimbus exposed loan applications', '', ['LendNimbus']],
    ['Bengaluru fintech Paysetu discloses unauthorised access to merchant dashboard', '', ['Paysetu']],
    ['Harwick, Mich., declares emergency after cyberattack cripples city systems', '', ['Harwick']],
    // Title Case notices: the shape's own words end the name.
    ['Fairhaven Dental Partners Provides Notice of Data Security Incident', '', ['Fairhaven Dental Partners']],
    ['Dunmore Precision Components Provides Update on Cybersecurity Incident', '', ['Dunmore Precision Components']],
    ['Meadowbrook Senior Living Notifies Residents of Data Security Incident', '', ['Meadowbrook Senior Living']],
    ['Notice of Data Event: Carrow Credit Union', '', ['Carrow Credit Union']],
    ['DATA BREACH ALERT: Halloway Kent LLP Investigating Claims on Behalf of Pinecrest Outfitters Customers', '', ['Pinecrest Outfitters']],
    ['Orchard Bank Data Breach Investigation Announced by Consumer Rights Firm', '', ['Orchard Bank']],
    ['Acme Health Hit by Ransomware Attack', '', ['Acme Health']],
  ])('%j %j → %j', (title, summary, expected) => {
    expect(findVictims(title, summary)).toEqual(expected);
  });

  it.each([
    ['a Title Case headline is not read as a name', 'Hospital Chain Confirms Data Breach Affecting Patients', ''],
    ['a vendor patching flaws is not a victim', 'Microsoft patches 60 flaws', 'Microsoft released fixes; the company said attackers exploited two of them.'],
    ['generic subjects are not names', 'Researchers confirm breach', 'Researchers say hackers breached networks. Officials confirmed a breach.'],
    ['a nationality is not an organisation', 'Russia suspected of hack', 'Investigators blamed Russia for the hack of Dutch prosecution systems.'],
    ['a weekday after "attack on" is not a victim', 'Outage', 'Services were restored after the cyberattack on Monday.'],
    ['a vendor reporting on attacks in general is not a victim', 'Sophos says ransomware attacks rose 20% this year', ''],
    ['a vendor fixing a flaw is not a victim', 'Kestrel says it fixed the EdgeGate flaw attackers exploited', ''],
    ['a claimed attack on a weekday names nobody', 'Gang claims attack on Monday', ''],
    ['the opening verb must come first', 'Hackers say Acme was easy', 'Later, Acme said nothing about a breach.'],
    ['a common noun opens the sentence', 'Insurer confirms data breach exposing 400,000 records', ''],
    ['a question is no name', 'How Did the Payment App Data Breach Happen? | Vendorwise', ''],
    ['a sentence is no name', 'Regulator fines bank after data breach exposed customer accounts', ''],
    ['a Title Case notice made of common nouns names nobody', 'Regional Hospital Provides Notice of Data Security Incident', ''],
    ['a survey of victims names none', 'New Study: Two in Three Mid-Size Companies Hit by Ransomware Restored From Backups', ''],
  ])('extracts nothing when %s', (_, title, summary) => {
    expect(findVictims(title, summary)).toEqual([]);
  });
});

describe('findPressMarks', () => {
  it('recognises wire datelines, tickers and boilerplate as strong marks', () => {
    expect(findPressMarks('x', 'AUSTIN, Texas, Nov. 19, 2026 /PRNewswire/ -- Acme today announced a thing.').strong).toEqual([
      'wire dateline /PRNewswire/',
      'dateline "CITY, Month D, YYYY --"',
    ]);
    expect(findPressMarks('x', 'BOSTON--(BUSINESS WIRE)--Acme Corp (NASDAQ: ACME) reported results.').strong).toEqual(['wire credit (BUSINESS WIRE)', 'stock ticker']);
    expect(findPressMarks('x', 'LONDON, June 3, 2025 (GLOBE NEWSWIRE) -- Foo Ltd said.').strong).toContain('wire credit (GLOBE NEWSWIRE)');
    expect(findPressMarks('x', 'It ships today. About Acme Corp Acme Corp is a leading provider of email security.').strong).toEqual(['"About <Company>" paragraph']);
  });

  it('keeps "announced today" a medium mark and ignores ordinary uses of "About"', () => {
    expect(findPressMarks('Acme today announced a partnership', 'The deal was announced today.')).toEqual({ strong: [], medium: ['"announced today"'], reported: [] });
    expect(findPressMarks('x', 'About 40 percent of companies were hit. About the author: Jane is a writer.')).toEqual({ strong: [], medium: [], reported: [] });
  });

  it('hears a vendor speaking of its own product, and a journalist attributing', () => {
    expect(findPressMarks('Introducing Quillmark Mail Guard', 'In this post, we introduce inbox protection for small teams.').medium).toEqual([
      'vendor voice',
      'product announcement headline',
    ]);
    expect(findPressMarks('Identity start-up raises $30M', 'The round will fund hiring, the company said.').reported).toEqual(['attribution ("the company said")']);
    expect(findPressMarks('Training platform earns badges', 'Cary, North Carolina, USA, 4th December 2026, CyberNewsWire -- The platform was ranked a leader.').strong).toContain('wire credit CyberNewswire');
  });

  it('hears a vendor pitching its own named product, not a guide that teaches how to do something', () => {
    const pitch = 'vendor pitch ("learn how <Product> helps")';
    expect(findPressMarks('Automate patching at scale', 'Learn how Corvid Fleet Manager helps teams roll out fixes.').medium).toEqual([pitch]);
    expect(findPressMarks('Winning with the right platform', "See why Tallgrass's Cloud Platform is essential to secure AI apps.").medium).toEqual([pitch]);
    expect(findPressMarks('Webinar recap', 'Join Oxbow Forensics for a hands-on walkthrough of its triage tool.').medium).toEqual([pitch]);
    expect(findPressMarks('What is a whaling attack?', 'Learn how to prevent whaling attacks and how they work.').medium).toEqual([]);
    expect(findPressMarks('Router flaw exploited', 'Find out how the attackers got in.').medium).toEqual([]);
  });

  it('hears a summary that opens by announcing a new product, not one that mentions an announcement', () => {
    expect(findPressMarks('Bring your own prefixes', 'Announcing a new self-serve API for customers.').medium).toEqual(['product announcement (summary)']);
    expect(findPressMarks('Vendor outage', 'The firm is announcing a new review of its deploy process.').medium).toEqual([]);
  });

  it('names a security-only wire among the marks', () => {
    expect(securityWire(findPressMarks('Platform earns badges', 'Austin, Texas, 4th May 2026, CyberNewsWire'))).toBe('wire credit CyberNewswire');
    expect(securityWire(findPressMarks('Bakery chain expands', 'CHICAGO--(BUSINESS WIRE)--A bakery chain opened stores.'))).toBeUndefined();
  });

  it('hears a release note headline ("is now available", "now GA") but not a reporter\'s headline or a summary sentence', () => {
    const release = '"is now available")';
    expect(findPressMarks('Ravelin Firewall v12 is now available', 'Secure by default.').medium).toEqual(['release headline (' + release]);
    expect(findPressMarks("It's here! Tollgate Exposure Manager is now GA", '').medium).toEqual(['release headline (' + release]);
    expect(findPressMarks('Single-board computer now available with 2GB of memory', 'The board costs $40.').medium).toEqual([]);
    expect(findPressMarks('Vendor ships new firewall', 'The update is now available to customers.').medium).toEqual([]);
  });

  it('finds every mark of a full release, wherever its words are (the substring hints skip nothing that matches)', () => {
    const release =
      'AUSTIN, Texas, Nov. 19, 2026 /PRNewswire/ -- Acme (NASDAQ: ACME) today announced a thing. About Acme Acme is a leading provider of email security. Forward-Looking Statements apply. Media Contact: Jo Smith\nSOURCE Acme';
    expect(findPressMarks('Acme Launches Thing', release)).toEqual({
      strong: ['wire dateline /PRNewswire/', 'dateline "CITY, Month D, YYYY --"', 'stock ticker', '"Forward-Looking Statements"', '"About <Company>" paragraph', 'media contact block', 'wire "SOURCE" line'],
      medium: ['"announced today"'],
      reported: [],
    });
  });
});

describe('isProbablyEnglish', () => {
  it.each([
    ['Patch Tuesday', true],
    ['Critical flaw in mail servers is exploited to steal user data', true],
    ['Sicherheitslücke in Exchange: Microsoft warnt vor Angriffen auf die Server und empfiehlt ein Update', false],
    ['Falha crítica no servidor de e-mail é explorada por criminosos para roubar dados dos usuários', false],
    ['Уязвимость в ядре Linux позволяет получить права root', false],
    ['', true],
  ])('%j → %s', (text, expected) => {
    expect(isProbablyEnglish(text)).toBe(expected);
  });
});
