"""The root ``Mutation`` type: each field takes one ``input`` and returns a payload."""

import strawberry

from samen.schema.access_mutations import AccessMutation
from samen.schema.catalogue_mutations import CatalogueMutation
from samen.schema.partnership_mutations import PartnershipMutation


@strawberry.type(
    description="Everything a client can change. Each mutation takes one `input` and returns a "
    "payload with the changed object and `errors` (business rules, bad input)."
)
class Mutation(AccessMutation, CatalogueMutation, PartnershipMutation):
    pass
