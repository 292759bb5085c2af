// A sample article for the page's "Sample article" button. Written for newsmark: the city,
// the people, the firms and the events are invented.

/** A news-style article with people, organisations, places, dates, money and quotations. */
export const SAMPLE_ARTICLE = `Harbour city approves $48 million flood barrier after years of delay
PORTHAVEN, March 4 (Newsmark Wire) — The Porthaven city council voted 9-2 on Tuesday to build a $48 million tidal barrier across the mouth of the Ellery River, ending a dispute that has divided the coastal city since the storms of 2019.
Mayor Ana Whitcombe called the vote "the most important decision this council will make in a generation."
"We have watched the water come up Harbour Street three winters in a row," Whitcombe told reporters outside City Hall. "Families cannot keep rebuilding the same kitchens."
The barrier, designed by the Dutch engineering firm Van Leeuwen & Partners, will be paid for with a 60 per cent grant from the national Coastal Resilience Fund and a bond the city will repay over 25 years. Construction is expected to begin in September and to take about 30 months.
Not everyone is convinced. Councillor David Okafor, who voted against the plan, said the city had rushed the environmental review. He called the projected savings "optimistic at best."
"I am not against protecting Porthaven," Okafor said. "I am against spending money we do not have on a design that nobody outside this room has tested."
Fishermen have also raised concerns. Maria Santos, who chairs the Ellery Fishermen's Association, said the gates could change how salmon move upriver in the spring, and that her members had not been consulted.
According to the council's own figures, flooding has cost local businesses more than $12 million since 2019, and insurance premiums in the harbour district have risen by 35%.
Whitcombe said the city would publish the full engineering report on Friday and hold public meetings in April. "People deserve to see every number," she said.
The council will vote on the bond terms at its next meeting on March 18.
`;
