-- Analyst views over the published tables, run by warehouse/views.py after the tables are loaded.
-- A column that passes a table column through under its name takes that column's comment, and article_date and
-- article_day take theirs from warehouse/views.py; every other column is commented here.
-- Table names are unqualified so the views bind in whatever catalog the file is opened as.
-- Each view has a total ORDER BY so the same warehouse always lists rows the same way.

CREATE VIEW v_quotes AS
SELECT
    q.quote_id,
    q.article_id,
    a.title AS article_title,
    a.published_at,
    -- Every article has a time axis: the stated publication time, else when the warehouse first loaded it.
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    q.quote_text,
    q.kind,
    q.cue,
    q.speaker_text,
    q.speaker_entity_id,
    e.name AS speaker_name,
    e.label AS speaker_label,
    -- As the articles state it (entities.gender): the Gender Gap Tracker's question, per quote.
    e.gender AS speaker_gender,
    q.speaker_role,
    q.attribution,
    q.paragraph_index,
    q.start_char,
    q.end_char
FROM quotes AS q
JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
ORDER BY q.article_id, q.start_char, q.quote_id;

COMMENT ON VIEW v_quotes IS 'Quotes with the article title, publication time, article_date (publication time, else first seen), publisher, source and resolved speaker (name, label, gender as the articles state it, role at the quote; duplicate articles excluded).';
COMMENT ON COLUMN v_quotes.article_title IS 'articles.title: the headline of the quote''s article.';
COMMENT ON COLUMN v_quotes.speaker_name IS 'entities.name of the resolved speaker; NULL when unresolved.';
COMMENT ON COLUMN v_quotes.speaker_label IS 'entities.label of the resolved speaker (PERSON, ORG, ...).';
COMMENT ON COLUMN v_quotes.speaker_gender IS 'entities.gender of the resolved speaker, as the articles state it (female, male, NULL).';

CREATE VIEW v_entity_mentions_per_article AS
SELECT
    m.article_id,
    a.title,
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    m.entity_id,
    e.name AS entity_name,
    e.label,
    count(*) AS mention_count
FROM entity_mentions AS m
JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = m.entity_id
GROUP BY m.article_id, a.title, a.published_at, a.first_seen_at, a.publisher, a.source_name, m.entity_id, e.name,
    e.label
ORDER BY m.article_id, mention_count DESC, m.entity_id;

COMMENT ON VIEW v_entity_mentions_per_article IS 'How often each entity is mentioned in each article, with the article_date (publication time, else first seen), publisher and source (duplicate articles excluded).';
COMMENT ON COLUMN v_entity_mentions_per_article.entity_name IS 'entities.name of the entity.';
COMMENT ON COLUMN v_entity_mentions_per_article.mention_count IS 'Mentions of the entity in this article.';

CREATE VIEW v_claims AS
SELECT
    c.claim_id,
    c.article_id,
    a.title AS article_title,
    a.published_at,
    -- Every article has a time axis: the stated publication time, else when the warehouse first loaded it.
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    c.surface,
    c.value,
    c.value_low,
    c.value_high,
    c.unit,
    c.quantity_kind,
    c.currency,
    c.approximate,
    c.comparator,
    c.direction,
    c.change_kind,
    c.of_what,
    c.subject,
    c.time_text,
    c.quote_id,
    c.speaker_entity_id,
    e.name AS speaker_name,
    c.previous_claim_id,
    p.value AS previous_value,
    p.surface AS previous_surface,
    c.start_char,
    c.end_char
FROM numeric_claims AS c
JOIN articles AS a ON a.article_id = c.article_id AND a.duplicate_of IS NULL
LEFT JOIN entities AS e ON e.entity_id = c.speaker_entity_id
LEFT JOIN numeric_claims AS p ON p.claim_id = c.previous_claim_id
ORDER BY c.article_id, c.start_char, c.claim_id;

COMMENT ON VIEW v_claims IS 'Numeric claims with the article title, article_date (publication time, else first seen), publisher, source, the speaker name when someone said it, and the value it changed from (duplicate articles excluded).';
COMMENT ON COLUMN v_claims.article_title IS 'articles.title: the headline of the claim''s article.';
COMMENT ON COLUMN v_claims.speaker_name IS 'entities.name of who said or reported the number, when someone did.';
COMMENT ON COLUMN v_claims.previous_value IS 'value of the claim this one changed from (previous_claim_id).';
COMMENT ON COLUMN v_claims.previous_surface IS 'surface of the claim this one changed from (previous_claim_id).';

-- Who is quoted: one row per speaker entity (people, organisations, groups the model names), duplicate
-- articles excluded.
CREATE VIEW v_speakers AS
WITH roles AS (
    SELECT q.speaker_entity_id, q.speaker_role, count(*) AS uses
    FROM quotes AS q
    JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
    WHERE q.speaker_role IS NOT NULL
    GROUP BY q.speaker_entity_id, q.speaker_role
    QUALIFY row_number() OVER (PARTITION BY q.speaker_entity_id ORDER BY uses DESC, q.speaker_role) = 1
)
SELECT
    e.entity_id,
    e.name,
    e.label,
    r.speaker_role AS role,
    e.gender,
    e.gender_evidence,
    count(*) AS quote_count,
    count(DISTINCT q.article_id) AS article_count,
    min(coalesce(a.published_at, a.first_seen_at)) AS first_article_date,
    max(coalesce(a.published_at, a.first_seen_at)) AS last_article_date
FROM quotes AS q
JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = q.speaker_entity_id
LEFT JOIN roles AS r ON r.speaker_entity_id = e.entity_id
GROUP BY e.entity_id, e.name, e.label, r.speaker_role, e.gender, e.gender_evidence
ORDER BY quote_count DESC, e.entity_id;

COMMENT ON VIEW v_speakers IS 'Speakers: each person or organisation quoted, with the role the articles give them most often, their gender as the articles state it, how many quotes and articles, and the first and last article_date (duplicate articles excluded).';
COMMENT ON COLUMN v_speakers.role IS 'The role the articles give the speaker most often at their quotes (quotes.speaker_role).';
COMMENT ON COLUMN v_speakers.quote_count IS 'Quotes attributed to the speaker.';
COMMENT ON COLUMN v_speakers.article_count IS 'Articles in which the speaker is quoted.';
COMMENT ON COLUMN v_speakers.first_article_date IS 'Earliest article_date of an article quoting the speaker.';
COMMENT ON COLUMN v_speakers.last_article_date IS 'Latest article_date of an article quoting the speaker.';

-- Duplicates (same body under another id) would count one story twice.
CREATE VIEW v_top_entities AS
SELECT
    e.entity_id,
    e.name,
    e.label,
    count(DISTINCT m.article_id) AS article_count,
    count(*) AS mention_count
FROM entity_mentions AS m
JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = m.entity_id
GROUP BY e.entity_id, e.name, e.label
ORDER BY article_count DESC, mention_count DESC, e.entity_id;

COMMENT ON VIEW v_top_entities IS 'Entities by the number of distinct (non-duplicate) articles that mention them.';
COMMENT ON COLUMN v_top_entities.article_count IS 'Distinct non-duplicate articles mentioning the entity.';
COMMENT ON COLUMN v_top_entities.mention_count IS 'Mentions of the entity in non-duplicate articles.';

-- What is in quarantine now: rows from the latest version of each file (a fixed file drops out).
CREATE VIEW v_quarantine AS
WITH latest_file AS (
    SELECT source_uri, max(run_id) AS run_id FROM files GROUP BY source_uri
)
SELECT
    q.reason_code,
    q.source_uri,
    q.record_key,
    q.stage,
    q.detail,
    q.quarantined_at,
    q.run_id
FROM quarantine AS q
JOIN latest_file AS f ON f.source_uri = q.source_uri AND f.run_id = q.run_id
ORDER BY q.reason_code, q.source_uri, q.record_key;

COMMENT ON VIEW v_quarantine IS 'Inputs quarantined in the latest version of their file, with the reason.';

-- Who is quoted about what: each quote with every entity mentioned inside its words (a mention whose span lies
-- within the quote's span), duplicate articles excluded.
CREATE VIEW v_quote_entities AS
SELECT
    q.quote_id,
    q.article_id,
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    q.kind,
    q.speaker_entity_id,
    s.name AS speaker_name,
    m.entity_id,
    e.name AS entity_name,
    e.label,
    count(*) AS mention_count
FROM quotes AS q
JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
JOIN entity_mentions AS m
    ON m.article_id = q.article_id AND m.start_char >= q.start_char AND m.end_char <= q.end_char
JOIN entities AS e ON e.entity_id = m.entity_id
LEFT JOIN entities AS s ON s.entity_id = q.speaker_entity_id
GROUP BY q.quote_id, q.article_id, a.published_at, a.first_seen_at, a.publisher, q.kind, q.speaker_entity_id, s.name,
    m.entity_id, e.name, e.label
ORDER BY q.article_id, q.quote_id, m.entity_id;

COMMENT ON VIEW v_quote_entities IS 'Each quote with every entity mentioned inside its words (a mention within the quote''s span): who is quoted about whom (duplicate articles excluded).';
COMMENT ON COLUMN v_quote_entities.speaker_name IS 'entities.name of the resolved speaker; NULL when unresolved.';
COMMENT ON COLUMN v_quote_entities.entity_id IS 'The entity mentioned inside the quote. Joins to entities.entity_id.';
COMMENT ON COLUMN v_quote_entities.entity_name IS 'entities.name of the entity mentioned inside the quote.';
COMMENT ON COLUMN v_quote_entities.label IS 'entities.label of the entity mentioned inside the quote.';
COMMENT ON COLUMN v_quote_entities.mention_count IS 'Mentions of the entity inside the quote.';

-- Entities named together: each pair of entities mentioned in one article (a before b by entity_id, so each pair
-- is one row), duplicate articles excluded.
CREATE VIEW v_cooccurrence AS
WITH mentioned AS (
    SELECT DISTINCT m.article_id, m.entity_id, coalesce(a.published_at, a.first_seen_at) AS article_date
    FROM entity_mentions AS m
    JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
)
SELECT
    x.entity_id AS entity_a_id,
    ea.name AS entity_a_name,
    ea.label AS entity_a_label,
    y.entity_id AS entity_b_id,
    eb.name AS entity_b_name,
    eb.label AS entity_b_label,
    count(*) AS article_count,
    min(x.article_date) AS first_article_date,
    max(x.article_date) AS last_article_date
FROM mentioned AS x
JOIN mentioned AS y ON y.article_id = x.article_id AND y.entity_id > x.entity_id
JOIN entities AS ea ON ea.entity_id = x.entity_id
JOIN entities AS eb ON eb.entity_id = y.entity_id
GROUP BY x.entity_id, ea.name, ea.label, y.entity_id, eb.name, eb.label
ORDER BY article_count DESC, entity_a_id, entity_b_id;

COMMENT ON VIEW v_cooccurrence IS 'Pairs of entities mentioned in the same article, with how many (non-duplicate) articles name both and when; each pair once (entity_a_id < entity_b_id).';
COMMENT ON COLUMN v_cooccurrence.entity_a_id IS 'One entity of the pair (the smaller entity_id). Joins to entities.entity_id.';
COMMENT ON COLUMN v_cooccurrence.entity_a_name IS 'entities.name of entity a.';
COMMENT ON COLUMN v_cooccurrence.entity_a_label IS 'entities.label of entity a.';
COMMENT ON COLUMN v_cooccurrence.entity_b_id IS 'The other entity of the pair (the larger entity_id). Joins to entities.entity_id.';
COMMENT ON COLUMN v_cooccurrence.entity_b_name IS 'entities.name of entity b.';
COMMENT ON COLUMN v_cooccurrence.entity_b_label IS 'entities.label of entity b.';
COMMENT ON COLUMN v_cooccurrence.article_count IS 'Non-duplicate articles that mention both entities.';
COMMENT ON COLUMN v_cooccurrence.first_article_date IS 'Earliest article_date of an article mentioning both.';
COMMENT ON COLUMN v_cooccurrence.last_article_date IS 'Latest article_date of an article mentioning both.';

-- What is measured, over time: claims per of_what (as written, case folded), unit and day.
CREATE VIEW v_claims_by_of_what AS
SELECT
    lower(c.of_what) AS of_what,
    c.quantity_kind,
    c.unit,
    CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS article_day,
    count(*) AS claim_count,
    count(DISTINCT c.article_id) AS article_count,
    min(c.value) AS min_value,
    max(c.value) AS max_value,
    median(c.value) AS median_value
FROM numeric_claims AS c
JOIN articles AS a ON a.article_id = c.article_id AND a.duplicate_of IS NULL
WHERE c.of_what IS NOT NULL
GROUP BY lower(c.of_what), c.quantity_kind, c.unit, CAST(coalesce(a.published_at, a.first_seen_at) AS DATE)
ORDER BY of_what, article_day, c.quantity_kind, c.unit;

COMMENT ON VIEW v_claims_by_of_what IS 'Claims that name what they measure, per of_what (lower case), kind, unit and article day: how often and at what values a thing was stated over time (duplicate articles excluded).';
COMMENT ON COLUMN v_claims_by_of_what.of_what IS 'numeric_claims.of_what in lower case: what the quantities measure.';
COMMENT ON COLUMN v_claims_by_of_what.claim_count IS 'Claims stated that day.';
COMMENT ON COLUMN v_claims_by_of_what.article_count IS 'Articles stating them.';
COMMENT ON COLUMN v_claims_by_of_what.min_value IS 'Smallest value stated (value as stated; ranges have value NULL).';
COMMENT ON COLUMN v_claims_by_of_what.max_value IS 'Largest value stated.';
COMMENT ON COLUMN v_claims_by_of_what.median_value IS 'Median value stated.';

-- What came in: articles per publisher, source and day, duplicate articles excluded.
CREATE VIEW v_articles_per_day AS
SELECT
    CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS article_day,
    a.publisher,
    a.source_name,
    count(*) AS article_count,
    sum(a.word_count) AS word_count
FROM articles AS a
WHERE a.duplicate_of IS NULL
GROUP BY CAST(coalesce(a.published_at, a.first_seen_at) AS DATE), a.publisher, a.source_name
ORDER BY article_day, a.publisher NULLS LAST, a.source_name NULLS LAST;

COMMENT ON VIEW v_articles_per_day IS 'Articles per day, publisher and source (duplicate articles excluded).';
COMMENT ON COLUMN v_articles_per_day.article_count IS 'Non-duplicate articles of that day, publisher and source.';
COMMENT ON COLUMN v_articles_per_day.word_count IS 'Their words, summed.';

-- Lists as rows, for SQLAlchemy-based BI tools, which cannot see LIST or STRUCT columns.
CREATE VIEW v_article_authors AS
SELECT a.article_id, u.position, u.author
FROM articles AS a,
    unnest(a.authors) WITH ORDINALITY AS u(author, position)
WHERE a.duplicate_of IS NULL
ORDER BY a.article_id, u.position;

COMMENT ON VIEW v_article_authors IS 'articles.authors as rows: one row per byline of a (non-duplicate) article.';
COMMENT ON COLUMN v_article_authors.position IS 'The byline''s place in the list, from 1.';
COMMENT ON COLUMN v_article_authors.author IS 'One byline from the source metadata.';

CREATE VIEW v_article_credits AS
SELECT a.article_id, u.position, u.credit.name AS name, u.credit.role AS role
FROM articles AS a,
    unnest(a.credits) WITH ORDINALITY AS u(credit, position)
WHERE a.duplicate_of IS NULL
ORDER BY a.article_id, u.position;

COMMENT ON VIEW v_article_credits IS 'articles.credits as rows: one row per person named in a (non-duplicate) article''s credit lines.';
COMMENT ON COLUMN v_article_credits.position IS 'The credit''s place in the list, from 1.';
COMMENT ON COLUMN v_article_credits.name IS 'The person credited.';
COMMENT ON COLUMN v_article_credits.role IS 'Their role as the credit line gives it: reporter, editor or writer.';

CREATE VIEW v_entity_aliases AS
SELECT e.entity_id, e.name, e.label, u.alias
FROM entities AS e,
    unnest(e.aliases) AS u(alias)
ORDER BY e.entity_id, u.alias;

COMMENT ON VIEW v_entity_aliases IS 'entities.aliases as rows: one row per surface form seen for an entity.';
COMMENT ON COLUMN v_entity_aliases.alias IS 'One surface form seen for the entity (pronouns excluded).';
