import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { PageQuery, UuidParam } from '@app/common/http';
import { CreateUserDto } from '../dto/create-user.dto';
import { ListedUserView, UserPage, UserView } from '../dto/views';
import { Language } from '../passwords/language';
import { ReaderLanguage } from '../passwords/reader-language.decorator';
import { UsersService } from './users.service';

class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: `must be one of ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ maxLength: 100, description: 'A part of the email or display name (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ApiTags('identity')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an agency, program-manager, reviewer, admin or team user (admin).' })
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() dto: CreateUserDto, @CurrentUser() me: AuthUser, @ReaderLanguage() language: Language): Promise<UserView> {
    return UserView.of(await this.users.create(dto, { actorId: me.id, language }));
  }

  @Get()
  @ApiOkResponse({ type: UserPage })
  async list(@Query() query: UserListQuery): Promise<UserPage> {
    const page = await this.users.list(query.limit ?? 20, query.cursor, query.role, query.q);
    return { items: page.items.map(ListedUserView.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  async get(@Param('id', UuidParam('id')) id: string): Promise<UserView> {
    return UserView.of(await this.users.get(id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user: their tokens stop working at once.' })
  @ApiOkResponse({ type: UserView })
  async deactivate(@Param('id', UuidParam('id')) id: string, @CurrentUser() me: AuthUser): Promise<UserView> {
    return UserView.of(await this.users.setActive(id, false, me.id));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async activate(@Param('id', UuidParam('id')) id: string, @CurrentUser() me: AuthUser): Promise<UserView> {
    return UserView.of(await this.users.setActive(id, true, me.id));
  }
}
