//! Clusters: mentions of one entity in a document grouped under a canonical name.

use crate::document::{Cluster, Entity};

/// Groups the name entities of `text` into clusters. Returns the clusters and, for every
/// entity, the index of its cluster (`None` for dates and numbers).
pub fn cluster_entities(text: &str, entities: &[Entity]) -> (Vec<Cluster>, Vec<Option<usize>>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assignment = Vec::with_capacity(entities.len());
    for entity in entities {
        if !entity.label.is_name() {
            assignment.push(None);
            continue;
        }
        let name = entity.span.text(text);
        let index = match clusters
            .iter()
            .position(|c| c.label == entity.label && c.name == name)
        {
            Some(index) => index,
            None => {
                clusters.push(Cluster {
                    name: name.to_string(),
                    label: entity.label,
                    mentions: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        clusters[index].mentions.push(entity.span);
        assignment.push(Some(index));
    }
    (clusters, assignment)
}
